"""The verbs of the community site: each state change in one function (see STYLE.md)."""
