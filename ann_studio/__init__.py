"""ANN Studio: a desktop neural-network simulator for students."""


def __getattr__(name: str) -> str:
    # the version is looked up when asked for: importlib.metadata costs ~50 ms at every start of
    # the headless command line
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import metadata

    try:
        return metadata.version("ann-studio")
    except metadata.PackageNotFoundError:  # running from a source tree without install
        return "0.0.0+source"
