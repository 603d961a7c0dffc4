"""What the forums announce once a write has committed, for notifications and search.

Each signal is sent from `transaction.on_commit`, so a receiver never hears of a write that
was rolled back. Receivers live with the features that need them (notifications, search);
the forums do not import them.
"""

from django.db import transaction
from django.dispatch import Signal

# post: the new Post (the first post of a new thread has position 1); mentioned: users.
post_created = Signal()
post_changed = Signal()  # edited, deleted, hidden or restored
thread_changed = Signal()  # moved, hidden, restored, locked, pinned
answer_accepted = Signal()  # post
post_liked = Signal()  # post, user
message_created = Signal()  # message
member_suspended = Signal()  # suspension
# Sent at once (no write to wait for): a member read new posts of a thread, or a conversation.
thread_read = Signal()  # user, thread
conversation_read = Signal()  # user, conversation


def announce(signal: Signal, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))
