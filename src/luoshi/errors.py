"""The exception tree. The CLI turns each into a one-line message and an exit code.

    LuoshiError
    ├── InputError                 the input cannot be read as a document (exit 1)
    │   ├── EmptyInputError        no bytes, or no text after extraction
    │   ├── TooLargeError          over the configured size limit (settings.max_bytes)
    │   ├── UnsupportedFormatError not text, HTML, PDF or DOCX
    │   ├── DecodeError            no encoding decodes the bytes to plausible Chinese text
    │   └── CorruptFileError       truncated/invalid PDF or DOCX, zip bomb, pathological HTML
    ├── NotAReportError            readable, but not a government work report (exit 1)
    └── UsageError                 bad arguments or configuration (exit 2)
"""


class LuoshiError(Exception):
    """Base of all expected failures; ``str(err)`` is a complete one-line message."""

    exit_code = 1


class InputError(LuoshiError):
    pass


class EmptyInputError(InputError):
    pass


class TooLargeError(InputError):
    pass


class UnsupportedFormatError(InputError):
    pass


class DecodeError(InputError):
    pass


class CorruptFileError(InputError):
    pass


class NotAReportError(LuoshiError):
    pass


class UsageError(LuoshiError):
    exit_code = 2
