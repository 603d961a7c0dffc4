"""Live notifications: who is told what (triggers), how (delivery), and what they see (queries).

Everything that tells a member something goes through `notify()`; it stores the news first,
then pushes it to their open pages over the channel layer and e-mails it if they asked to.
"""
