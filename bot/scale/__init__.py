"""``make scale-test``: Puente's production topology on this machine, under load.

PostgreSQL, Redis, two Rasa replicas, two action servers and two pages servers
behind nginx, all on loopback, started with the commands ``compose.yaml`` ships
(:mod:`bot.scale.topology`); many conversations at once, web and WhatsApp
(:mod:`bot.scale.load`); one Rasa replica killed midway; then every conversation
checked event by event in PostgreSQL (:mod:`bot.scale.check`).
"""
