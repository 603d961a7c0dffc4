"""The forums' verbs. Views, commands and tests call these; each checks its permission first."""
