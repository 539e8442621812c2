"""The ANN Studio engine: NumPy and the standard library only (no Qt; a test proves it).

Typical use in a notebook::

    from ann_studio.core import load_project
    project = load_project("resources/examples/mazur.annproj")
    trainer = project.build_trainer()
    trainer.step_phase()          # forward through the input layer
    trainer.train_step()          # finish the step
    trainer.goto(0)               # rewind
    trainer.train(epochs=10)

See ``docs/api.md``.
"""

from .activations import ACTIVATIONS, get_activation
from .errors import AnnError, DataError, DivergenceError, ProjectError
from .gradcheck import check_all, check_parameter, max_relative_error
from .losses import LOSSES, get_loss
from .metrics import accuracy, confusion_matrix
from .network import Network, Pass
from .optimizers import OptimizerSettings
from .phases import Phase
from .project import Project, load_project, parse_project, project_to_json, save_project, with_trained_weights
from .spec import LayerSpec, NetworkSpec, problems_of, validate
from .trainer import EpochRecord, Trainer, TrainingSettings

__all__ = [
    "ACTIVATIONS", "LOSSES", "AnnError", "DataError", "DivergenceError", "EpochRecord", "LayerSpec", "Network",
    "NetworkSpec", "OptimizerSettings", "Pass", "Phase", "Project", "ProjectError", "Trainer",
    "TrainingSettings", "accuracy", "check_all", "check_parameter", "confusion_matrix", "get_activation",
    "get_loss", "load_project", "max_relative_error", "parse_project", "problems_of", "project_to_json",
    "save_project", "validate", "with_trained_weights",
]
