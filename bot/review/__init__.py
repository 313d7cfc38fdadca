"""The review app: organizers read, review and count families' conversations.

Mounted on the pages server at ``/review`` by :func:`bot.review.web.review_blueprint`.
"""
