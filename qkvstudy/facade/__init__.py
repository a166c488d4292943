"""The facade's parts: what `qkvstudy.study.Study` is composed of.

Code that needs both notes and the schedule lives here, above both (DESIGN.md's layers), so that
`schedule`, `notes` and `drills` never import each other. Screens and commands use `Study` only.
"""
