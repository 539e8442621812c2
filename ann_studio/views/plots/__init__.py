"""Live pyqtgraph panels: error, accuracy, activations, gradients, weights, decision boundary,
confusion matrix, prediction and activation-function plots.

Every panel builds its plot items once and updates them in place (``setData``/``setImage``) from
the training session's latest state, at a capped rate (:mod:`.refresh`).
"""
