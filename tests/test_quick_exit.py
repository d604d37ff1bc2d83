"""The command ends without tearing the interpreter down, yet loses no output, keeps its exit
status and still runs the ``atexit`` handlers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from iranru_ref.quick_exit import exit_status

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new interpreter, its output captured through pipes, and buffered as
    Python buffers a pipe (unless PYTHONUNBUFFERED is set, which this removes)."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def _command(*args: str) -> subprocess.CompletedProcess[str]:
    """``iranru-ref ARGS`` as installed: the console script calls ``iranru_ref.cli:main``."""
    return _python(f"import sys; sys.argv = ['iranru-ref', *{list(args)!r}]\n"
                   "from iranru_ref.cli import main; main()")


@pytest.mark.parametrize(("code", "status", "printed"), [
    (None, 0, ""), (0, 0, ""), (3, 3, ""), ("no such file", 1, "no such file\n"),
])
def test_exit_status_is_what_sys_exit_gives(code: object, status: int, printed: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_status(code) == status
    assert capsys.readouterr().err == printed


def test_buffered_output_and_atexit_handlers_survive_and_teardown_is_skipped() -> None:
    result = _python("""
        import atexit, sys
        from iranru_ref.quick_exit import quick_exit

        class Teardown:
            def __del__(self):
                print("torn down", file=sys.stderr)

        kept = Teardown()  # a normal exit frees it when it clears this module
        atexit.register(print, "atexit handler ran")
        print("x" * 100_000, end="")  # more than one buffer's worth, and a partial one
        print("last line, not yet flushed")
        quick_exit(3)
    """)
    assert result.returncode == 3
    assert result.stdout == "x" * 100_000 + "last line, not yet flushed\natexit handler ran\n"
    assert "torn down" not in result.stderr


def test_a_normal_exit_would_have_torn_down() -> None:
    """The check above can fail: the same object is freed when the process exits normally."""
    result = _python("""
        import sys

        class Teardown:
            def __del__(self):
                print("torn down", file=sys.stderr)

        kept = Teardown()
        sys.exit(3)
    """)
    assert result.returncode == 3
    assert "torn down" in result.stderr


def test_a_running_thread_is_waited_for_as_on_a_normal_exit() -> None:
    result = _python("""
        import threading, time
        from iranru_ref.quick_exit import quick_exit

        def late():
            time.sleep(0.3)
            print("the thread finished")

        threading.Thread(target=late).start()
        quick_exit(4)
    """)
    assert result.returncode == 4
    assert result.stdout == "the thread finished\n"


def test_a_closed_pipe_on_stdout_is_not_an_error() -> None:
    """As with ``| head -n 1``: nobody reads standard output any more when it is flushed."""
    closing = """
        import os
        read, write = os.pipe()
        os.dup2(write, 1)
        os.close(write)
        os.close(read)
        print("nobody reads this")
    """
    quick = _python(textwrap.dedent(closing)
                    + "from iranru_ref.quick_exit import quick_exit; quick_exit(0)")
    assert (quick.returncode, quick.stderr) == (0, "")
    normal = _python(closing)  # Python's own exit complains, which is why the check can fail
    assert normal.returncode == 120
    assert "BrokenPipeError" in normal.stderr


def test_the_command_keeps_its_output_and_exit_status(tmp_path: Path) -> None:
    checked = _command("check", "--root", str(ROOT))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok: ")
    assert "coverage: " in checked.stdout.splitlines()[-1]

    broken = tmp_path / "project"
    for name in ("data", "sources", "templates", "docs"):
        shutil.copytree(ROOT / name, broken / name)
    shutil.copy(ROOT / "mkdocs.yml", broken / "mkdocs.yml")
    record = broken / "data" / "people" / "alexey-dedov.yml"
    record.write_text(record.read_text(encoding="utf-8") + "nickname: Al\n", encoding="utf-8")
    failed = _command("check", "--root", str(broken))
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert "data/people/alexey-dedov.yml:" in failed.stderr
    assert "Traceback" not in failed.stderr

    usage = _command("no-such-command")
    assert usage.returncode == 2
    assert "No such command" in usage.stderr
