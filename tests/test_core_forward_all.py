"""Network.forward_all (issue 18: the decision-boundary plot's forward pass lives in the core)."""

import numpy as np

from ann_studio.core import Network
from ann_studio.core.network import Pass
from tests.helpers import merge_spec


def test_forward_all_gives_every_layer_as_the_phases_do_in_float64_and_close_in_float32():
    net = Network(merge_spec(), np.random.default_rng(3))
    x = np.random.default_rng(4).normal(size=(2500, net.n_inputs))  # more than one block
    p = Pass(len(net.layers))
    net.run_forward(p, x)
    exact = net.forward_all(x)
    fast = net.forward_all(x, np.float32, chunk=700)
    for layer in net.layers:
        if layer in net.inputs:
            assert exact[layer.index] is None and fast[layer.index] is None
        else:
            assert np.array_equal(exact[layer.index], p.a[layer.index])
            assert fast[layer.index].dtype == np.float32
            assert np.allclose(fast[layer.index], p.a[layer.index], atol=1e-5)
