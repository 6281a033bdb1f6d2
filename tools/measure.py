"""Running a program and measuring what it took: the one helper that
tools/bench and emacs-tests/run share."""
import collections
import os
import subprocess
import tempfile
import threading
import time

Run = collections.namedtuple("Run", "status out err seconds rss_kib cpu")
Run.__doc__ = """A finished run: exit status, stdout and stderr, wall seconds,
peak RSS in KiB, CPU seconds (user and system)."""


def run_measured(cmd, env=None, timeout=None):
    """Runs CMD with ENV added to the environment, killed after TIMEOUT
    seconds if one is given, and returns a Run.  Peak RSS and CPU time come
    from wait4's rusage of CMD's own process, so CMD must be the program
    itself, not a shell.  Its output goes to temporary files, not pipes:
    a child that writes more than a pipe holds cannot stall while it is
    waited for."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, text=True,
                             env=dict(os.environ, **env) if env else None)
        timer = threading.Timer(timeout, p.kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(p.pid, 0)
        finally:
            if timer:
                timer.cancel()
        seconds = time.perf_counter() - t0
        # Reaped here, not by Popen.
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(p.returncode, out.read(), err.read(), seconds, usage.ru_maxrss,
                   usage.ru_utime + usage.ru_stime)
