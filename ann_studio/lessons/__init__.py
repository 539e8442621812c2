"""Guided lessons (Qt-free): lesson files, their checks, and classroom assignments.

The Lessons panel (``ann_studio.views.panels.lessons_panel``) shows them; ``docs/lessons.md``
describes the file format.
"""

from .checks import LessonError, Observation, holds, parse_check, quantity
from .classroom import Assignment, load_assignment, save_assignment
from .model import Lesson, Step, Target, find_lesson, lessons_dir, load_lesson, load_lessons, parse_lesson

__all__ = ["Assignment", "Lesson", "LessonError", "Observation", "Step", "Target", "find_lesson", "holds",
           "lessons_dir", "load_assignment", "load_lesson", "load_lessons", "parse_check", "parse_lesson",
           "quantity", "save_assignment"]
