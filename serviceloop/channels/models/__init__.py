from .inbound import InboundMail
from .mailbox import MailBlock, Mailbox
from .outbound import MailTemplate, OutboundMail
from .receipt import Receipt

__all__ = ["InboundMail", "MailBlock", "MailTemplate", "Mailbox", "OutboundMail", "Receipt"]
