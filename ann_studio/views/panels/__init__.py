"""Dockable panels. Each panel module exposes a ``PanelSpec`` list that ``registry.py`` collects."""
