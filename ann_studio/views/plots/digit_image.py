"""Which inputs are an image: the data set's own ``image_shape``, or 28 × 28 for 784 inputs.

MNIST and Fashion-MNIST saved as a CSV or a flat ``.npz`` lose their shape, but 784 inputs are
the 28 × 28 images of that convention everywhere (Nielsen's ``network.py`` takes them so), so the
prediction panel shows the digit and the data panel a mosaic of digits rather than numbers.
"""

from __future__ import annotations

#: inputs that are images when the data set declares no shape: MNIST's 28 × 28
IMPLIED_SHAPES = {784: (28, 28)}


def image_shape_of(dataset) -> tuple[int, int] | None:
    """(rows, columns) of ``dataset``'s inputs seen as an image, or None."""
    if dataset is None:
        return None
    if dataset.image_shape:
        return tuple(dataset.image_shape)
    return IMPLIED_SHAPES.get(dataset.input_size)
