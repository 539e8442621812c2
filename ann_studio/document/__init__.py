"""The document layer (QtCore/QtGui only): the project document with its undo stack, the
selection, and the training session. Views never change the network except through undo
commands on :attr:`ProjectDocument.undo_stack` or the session's slots."""
