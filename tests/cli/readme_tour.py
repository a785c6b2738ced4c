"""Runs every line of the README's five-minute tour, as written, in a clean temporary directory.

usage: readme_tour.py SOURCE_DIR BUILD_DIR WORK_DIR

The tour's lines name `build/limen`, `build/python` and `examples/...` relative to the source
tree, so the work directory gets two links, build -> BUILD_DIR and examples -> the examples, and
nothing else; every file a line writes lands there. Each line must exit 0 (for root as for a
normal user: whoever runs the test). Registered with ctest as `readme_tour` (label readme).
"""
import os
import re
import shutil
import subprocess
import sys
import time


def tour_lines(readme: str) -> list[str]:
    text = open(readme, encoding="utf-8").read()
    start = text.index("A five-minute tour:")
    block = re.search(r"```\n(.*?)```", text[start:], re.S)
    if not block:
        raise SystemExit("readme_tour: no code block after 'A five-minute tour:'")
    return [ln for ln in block.group(1).splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def main() -> int:
    src, build, work = (os.path.abspath(a) for a in sys.argv[1:4])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    os.symlink(build, os.path.join(work, "build"))
    os.symlink(os.path.join(src, "examples"), os.path.join(work, "examples"))
    env = dict(os.environ)
    for key in [k for k in env if k.startswith(("OMPI_", "LIMEN_MEMORY"))]:
        del env[key]  # as a new user's shell: nothing set
    failed = 0
    total = 0.0
    for line in tour_lines(os.path.join(src, "README.md")):
        t0 = time.monotonic()
        r = subprocess.run(["bash", "-c", line], cwd=work, env=env, capture_output=True, text=True, timeout=300)
        dt = time.monotonic() - t0
        total += dt
        status = "ok" if r.returncode == 0 else f"FAILED (exit {r.returncode})"
        # What a line says it writes must be there: `--output NAME` and `> FILE`.
        code = line.split("  #")[0]
        for name in re.findall(r"--output (\S+)", code) + re.findall(r"> (\S+)", code):
            path = os.path.join(work, name)
            if not os.path.exists(path) or (os.path.isfile(path) and os.path.getsize(path) == 0):
                status = f"FAILED ({name} not written)"
                r = subprocess.CompletedProcess(line, 1, r.stdout, r.stderr)
        print(f"{dt:6.1f} s  {status}  {line}")
        if r.returncode != 0:
            failed += 1
            print(r.stderr[-2000:], file=sys.stderr)
    # Run as root, the test also runs the lines whose behaviour depends on the user (mpirun) as
    # the unprivileged user nobody, in a folder of its own.
    if os.geteuid() == 0 and shutil.which("runuser"):
        other = os.path.join(work, "as-nobody")
        os.makedirs(other)
        os.chmod(other, 0o777)
        os.symlink(build, os.path.join(other, "build"))
        os.symlink(os.path.join(src, "examples"), os.path.join(other, "examples"))
        for line in [ln for ln in tour_lines(os.path.join(src, "README.md")) if "mpirun" in ln]:
            r = subprocess.run(["runuser", "-u", "nobody", "--", "bash", "-c", line], cwd=other, env=env,
                               capture_output=True, text=True, timeout=300)
            print(f"   as nobody: {'ok' if r.returncode == 0 else f'FAILED (exit {r.returncode})'}  {line}")
            if r.returncode != 0:
                failed += 1
                print(r.stderr[-2000:], file=sys.stderr)
    print(f"{total:6.1f} s  in all")
    if failed == 0:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
