"""What the user does, once for both faces: the command line and the window only word the results.

`importing` plans a file into an ImportPlan and writes it after a backup; `deletion` is the one
rule for removing a record others lean on; `whatif` holds the steps a what-if is made of.
"""
