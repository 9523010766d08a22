"""What the user does, once for both faces: the command line and the window only word the results.

`importing` plans a file into an ImportPlan and writes it after the store's backup; `whatif` holds
the steps a what-if is made of. The rule for removing records is tracker.records.removal (the
what-if file, a lower layer, reads it too).
"""
