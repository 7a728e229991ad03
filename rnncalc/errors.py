"""The one error the cores raise for a bad argument."""


class InvalidArgument(ValueError):
    """An argument outside what a core accepts.

    `name` is the keyword argument's name (``hidden``, ``input_size``…); the CLI
    turns it into the option the user typed, so both audiences get the same
    sentence.
    """

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message
