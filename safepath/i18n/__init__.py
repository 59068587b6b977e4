"""Translation entry points. (Placeholder until the catalog runtime lands; see safepath/i18n/.)"""


def _(message: str) -> str:
    return message
