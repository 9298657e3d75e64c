"""typer's and click's own words in Chinese, and help wrapped by display width.

typer vendors click (``typer._click``) with its strings written in, not passed
through gettext; only typer's own few (``Options``, ``required``, ``default: …``)
go through ``gettext``. So ``install`` (called once by ``bbcs.cli`` when the
interface is Chinese) puts three things in place, none of which imports more
than typer already has:

- typer's ``_`` answers from ``WORDS``;
- the help formatter says 用法 and wraps text by display width, a CJK character
  counting two columns (click counts one, and its lines overflow 80 columns);
- a usage error is shown as 用法, a hint and one sentence, its English turned into
  Chinese by ``ERRORS`` (one pattern per sentence click can say).

Words not found here stay English: the tests list the ones a clerk can meet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import IO, Any

# typer's gettext words, and the help texts click writes in itself
WORDS = {
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "Aborted!": "已中止。",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有 {name!r} 这个命令。",
    "Show this message and exit.": "显示本帮助并退出。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "显示当前 shell 的命令补全脚本，可复制或自行安装。"
    ),
}

# each sentence click can say about a command line, and its Chinese
# (patterns are compiled when an error is shown, never at start-up)
ERRORS: tuple[tuple[str, str], ...] = (
    (r"Missing option '?([^'.]*)'?\.(.*)", r"缺少选项 \1。\2"),
    (r"Missing argument '?([^'.]*)'?\.(.*)", r"缺少参数 \1。\2"),
    (r"Missing parameter:? '?([^'.]*)'?\.?(.*)", r"缺少参数 \1。\2"),
    (
        r"No such option: (\S+) \(Possible options: (.*)\)",
        r"没有 \1 这个选项（可用的选项：\2）",
    ),
    (r"No such option: (\S+)\s*Did you mean (\S+)\?", r"没有 \1 这个选项；您是否要找 \2？"),
    (r"No such option: (.*)", r"没有 \1 这个选项"),
    (r"Option '([^']*)' requires an argument\.", r"选项 \1 后面须给出值。"),
    (r"Option '([^']*)' requires (\d+) arguments\.", r"选项 \1 后面须给出 \2 个值。"),
    (r"Option '([^']*)' does not take a value\.", r"选项 \1 后面不能带值。"),
    (r"Got unexpected extra arguments? \((.*)\)", r"多余的参数：\1"),
    (r"No such command '([^']*)'\.", r"没有 \1 这个命令。"),
    (r"Missing command\.", "缺少命令。"),
    (r"'(.*)' is not a valid integer\.", r"“\1”不是整数。"),
    (r"'(.*)' is not a valid float\.", r"“\1”不是数字。"),
    (r"'(.*)' is not a valid boolean\..*", r"“\1”不是“是/否”。"),
    (r"'(.*)' is not one of (.*)\.", r"“\1”不在可选值 \2 之中。"),
    (r"(?:File|Path|Directory) '(.*)' does not exist\.", r"\1 不存在。"),
    (r"(?:File|Path|Directory) '(.*)' is a directory\.", r"\1 是文件夹。"),
    (r"(?:File|Path|Directory) '(.*)' is a file\.", r"\1 是文件。"),
)


_INVALID = r"Invalid value for '?([^':]*)'?: (.*)"


def gettext_zh(message: str) -> str:
    """typer's ``_``: the Chinese of one of its words, else the word itself."""
    return WORDS.get(message, message)


def sentence(message: str) -> str:
    """One of click's sentences in Chinese (a part after it, such as a value, is translated too)."""
    invalid = re.fullmatch(_INVALID, message.strip(), re.DOTALL)
    if invalid:
        return f"{invalid[1]} 的值无效：{sentence(invalid[2])}"
    for pattern, chinese in ERRORS:
        found = re.fullmatch(pattern, message.strip(), re.DOTALL)
        if found:
            return found.expand(chinese).strip()
    return message


def wrap_text(
    text: str,
    width: int = 78,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """click's ``wrap_text``, by display width when the text holds wide characters."""
    from bbcs.display import is_wide, wrap_line

    if not is_wide(text) and _CLICK_WRAP is not None:
        return _CLICK_WRAP(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
    if not preserve_paragraphs:
        return "\n".join(wrap_line(text, width, initial_indent, subsequent_indent))
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip("\n")):
        if paragraph.startswith("\b"):  # click's mark for "keep these lines as they are"
            out.append(
                "\n".join(initial_indent + ln for ln in paragraph[1:].strip("\n").split("\n"))
            )
        else:
            out.append("\n".join(wrap_line(paragraph, width, initial_indent, subsequent_indent)))
    return "\n\n".join(out)


_CLICK_WRAP: Callable[..., str] | None = None


# ---------------------------------------------------------------- installing


def install() -> None:
    """Put the Chinese words, the wide-character wrap and the Chinese usage errors in place."""
    global _CLICK_WRAP
    import typer.core
    from typer._click import exceptions, formatting

    if _CLICK_WRAP is not None:
        return
    _CLICK_WRAP = formatting.wrap_text
    typer.core._ = gettext_zh  # type: ignore[attr-defined]
    formatting.wrap_text = wrap_text
    formatting.HelpFormatter.write_usage = _write_usage  # type: ignore[method-assign]
    formatting.HelpFormatter.write_heading = _write_heading  # type: ignore[method-assign]
    original_dl = formatting.HelpFormatter.write_dl

    def write_dl(self: Any, rows: Sequence[tuple[str, str]], *args: Any, **kw: Any) -> None:
        shown = [(term, _help_words(text)) for term, text in rows]
        original_dl(self, shown, *args, **kw)

    formatting.HelpFormatter.write_dl = write_dl  # type: ignore[method-assign]
    exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign]
    exceptions.ClickException.show = _show_error  # type: ignore[method-assign]


def _help_words(text: str) -> str:
    for english, chinese in WORDS.items():
        if english in text:
            text = text.replace(english, chinese)
    return text


# the placeholders click writes in a usage line
USAGE_WORDS = {"[OPTIONS]": "[选项]", "COMMAND": "命令", "[ARGS]...": "[参数]..."}


def _write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
    from bbcs.display import width_of, wrap_line

    args = " ".join(USAGE_WORDS.get(word, word) for word in args.split(" "))
    first = f"{'':>{self.current_indent}}用法：{prog} "
    self.write("\n".join(wrap_line(args, self.width, first, " " * width_of(first))) + "\n")


def _write_heading(self: Any, heading: str) -> None:
    self.write(f"{'':>{self.current_indent}}{heading}：\n")


def _stderr(file: IO[Any] | None) -> IO[Any]:
    from typer._click._compat import get_text_stderr

    return file if file is not None else get_text_stderr()


def _show_error(self: Any, file: IO[Any] | None = None) -> None:
    from typer._click.utils import echo

    echo(f"错误：{sentence(self.format_message())}", file=_stderr(file))


def _show_usage_error(self: Any, file: IO[Any] | None = None) -> None:
    from typer._click.utils import echo

    out = _stderr(file)
    ctx = self.ctx
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = f"请运行 '{ctx.command_path} {ctx.help_option_names[0]}' 查看帮助。\n"
        echo(f"{ctx.get_usage()}\n{hint}", file=out, color=ctx.color)
    echo(f"错误：{sentence(self.format_message())}", file=out)
