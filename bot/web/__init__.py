"""The website chat widget's server side.

The pages app (demo page, ``/api/chat``, ``/api/history``) and its helpers.
"""
