"""The man page and the bash completion the build writes beside vcheck
(share/man/man1/vcheck.1, share/bash-completion/completions/vcheck), both
printed from the command table that --help prints (issue 18)."""
import os
import re
import shutil
import subprocess

import pytest

from test_cli_help import COMMANDS


def share(vcheck, *parts):
    return os.path.join(os.path.dirname(vcheck), "..", "share", *parts)


def options_of(vcheck, cmd):
    """The options `vcheck CMD --help` names: what the man page and the
    completion must offer."""
    out = subprocess.run([vcheck, cmd, "--help"], capture_output=True, text=True, timeout=10).stdout
    usage = out.split("exit status:")[0]
    return set(re.findall(r"(?:(?<=[\[ |])|^)(--?[a-z][a-z0-9-]*)", usage))


def test_the_man_page_renders_and_names_every_command_and_option(vcheck):
    page = share(vcheck, "man", "man1", "vcheck.1")
    assert os.path.isfile(page), "the build writes %s" % page
    groff = shutil.which("groff")
    if not groff:
        if os.environ.get("CI") == "true":
            pytest.fail("groff not installed (groff-base; ci/deps.sh installs it)")
        pytest.skip("groff not installed (groff-base)")
    r = subprocess.run([groff, "-man", "-Tutf8", "-ww", page], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and not r.stderr, r.stderr  # -ww: every warning shows
    text = re.sub(r".\x08", "", r.stdout)
    for cmd in COMMANDS:
        assert "vcheck %s" % cmd in text, cmd
        for opt in options_of(vcheck, cmd):
            assert opt in text, (cmd, opt)
    assert "EXIT STATUS" in text and "NO_COLOR" in text


def complete(vcheck, *words):
    """What bash completes for the command line `words` (the last one being
    completed), with the generated script sourced."""
    script = share(vcheck, "bash-completion", "completions", "vcheck")
    assert os.path.isfile(script), "the build writes %s" % script
    line = " ".join("'%s'" % w for w in (vcheck,) + words)
    prog = ("source '%s'; COMP_WORDS=(%s); COMP_CWORD=%d; _vcheck; printf '%%s\\n' \"${COMPREPLY[@]}\""
            % (script, line, len(words)))
    r = subprocess.run(["bash", "-c", prog], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    return set(filter(None, r.stdout.splitlines()))


def test_completion_offers_commands(vcheck):
    assert complete(vcheck, "") >= set(COMMANDS)
    assert complete(vcheck, "di") == {"diff", "disk"}


@pytest.mark.parametrize("cmd", COMMANDS)
def test_completion_offers_each_commands_options(vcheck, cmd):
    assert complete(vcheck, cmd, "-") >= options_of(vcheck, cmd) | {"--help"}


def test_completion_offers_values(vcheck):
    assert complete(vcheck, "run", "--accel", "") == {"auto", "tcg", "kvm"}
    assert complete(vcheck, "run", "--personality", "") == {"direct", "gunyah", "xen"}
    assert complete(vcheck, "collect", "--personality", "g") == {"gunyah"}
    targets = {l.split()[0] for l in subprocess.run([vcheck, "list", "targets"], capture_output=True,
                                                     text=True, timeout=10).stdout.splitlines()}
    assert complete(vcheck, "run", "--target", "") == targets
    assert "qemu-aarch64-virt" in complete(vcheck, "run", "--target", "qemu-a")
    assert complete(vcheck, "run", "--timeout", "") == set()  # a number: nothing to offer
    assert complete(vcheck, "list", "tr") == {"transports"}
