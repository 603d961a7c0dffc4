"""What members' actions announce once they have committed (notifications listen)."""

from django.db import transaction
from django.dispatch import Signal

followed = Signal()  # follow: the new Follow row
verification_decided = Signal()  # request: the decided VerificationRequest
invited = Signal()  # email, organisation, inviter


def announce(signal: Signal, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))
