"""close ended by Queue.join() and task_done(): main waits until
every item put has been handled, then cancels the consumers."""

MODEL = "joined"
