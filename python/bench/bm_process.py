"""Whole programs, as a user of a command-line tool feels them.

Runs one of the kit's programs (ARGV, a JSON list: the Go binary or
a Python model, a scenario and its flags, no tracing) from start to
exit, many times: start-up, imports or runtime set-up, the run and
the exit are all in the time. (pyperf's command_max_rss is not used
for memory: ru_maxrss survives fork and exec, so it would include
pyperf's own Python; make bench reads VmHWM instead.)
"""

import json

from _common import runner

if __name__ == "__main__":
    r, args = runner({"name": str, "argv": str})
    r.bench_command(args.name, json.loads(args.argv))
