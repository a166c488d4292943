"""Related notes, the live library, import from and export to other tools."""

MESSAGES = {
    "connected.related.unreadable": ("无法读取：{reason}", "cannot read: {reason}"),
    "connected.related.not_utf8": ("不是 UTF-8 文本；相关笔记未更新", "not UTF-8 text; related notes not updated"),
    "connected.related.hand_written": (
        "「相关笔记」一节没有 <!-- 自动生成 --> 标记，是手写的，保持不变",
        "its 相关笔记 section has no <!-- 自动生成 --> marker: written by hand, left alone",
    ),
    "connected.related.open_fence": (
        "笔记以未闭合的代码块结尾；相关笔记未追加",
        "the note ends inside an unclosed code fence; related notes not appended",
    ),
    "connected.related.changed_meanwhile": (
        "计算期间文件被修改；未写入，请重新运行",
        "changed on disk meanwhile; not written, run again",
    ),
    "connected.related.cannot_write": ("无法写入：{reason}", "cannot write: {reason}"),
    "connected.related.summary_write": (
        "已更新 {changed} 条笔记的相关笔记（共 {total} 条笔记）",
        "related notes updated in {changed} of {total} notes",
    ),
    "connected.related.summary_dry": (
        "{changed} 条笔记的相关笔记会改变（共 {total} 条笔记）；加 --write 写入",
        "related notes would change in {changed} of {total} notes; add --write to write them",
    ),
    "connected.related.not_in_library": ("不是笔记库中的笔记", "not a note in the library"),
    "connected.related.bad_option": ("--top 必须 ≥ 1，--min 必须在 0–100 之间", "--top must be ≥ 1 and --min 0–100"),
    "connected.import.empty_front": ("正面为空；该行跳过", "empty front; row skipped"),
    "connected.import.bad_row": (
        "无法读取的行：{reason}；其余部分已导入",
        "unreadable row: {reason}; the rest imported",
    ),
    "connected.import.not_utf8": ("不是 UTF-8 文本；请用 UTF-8 重新导出", "not UTF-8 text; export it again as UTF-8"),
    "connected.import.summary": ("已导入 {written} 条笔记到「{topic}」", "{written} notes imported into {topic}"),
    "connected.export.summary": ("已导出 {count} 条笔记到 {file}", "{count} notes exported to {file}"),
    "connected.app.related": ("重新生成相关笔记", "Regenerate related notes"),
    "connected.app.related_help": (
        "按相似度重写每条笔记带 <!-- 自动生成 --> 标记的「相关笔记」",
        "rewrite every note's marked 相关笔记 section by similarity",
    ),
    "connected.cli.related.help": (
        "生成每条笔记自动维护的「相关笔记」（默认只显示差异）",
        "generate each note's auto-generated related-notes section (prints a diff unless --write)",
    ),
    "connected.cli.related.paths": ("只处理这些笔记（默认：全部）", "only these notes (default: every note)"),
    "connected.cli.related.write": ("写入这些段落（默认只显示差异）", "write the sections (default: print a diff)"),
    "connected.cli.related.top": ("每条笔记的链接数（默认 5）", "links per note (default 5)"),
    "connected.cli.related.min": ("最低相似度百分比（默认 10）", "least similarity linked, in percent (default 10)"),
    "connected.cli.export.help": ("把笔记库导出为 Anki 包（.apkg）或 CSV", "export the library to Anki (.apkg) or CSV"),
    "connected.cli.export.anki": ("Anki 包（.apkg），每个主题一个牌组", "an Anki package (.apkg), one deck per topic"),
    "connected.cli.export.csv": ("每条笔记一行，含其日程", "one row per note with its schedule"),
    "connected.cli.import.topic": (
        "这些文件是 Anki「纯文本笔记」导出；每行一条笔记，放在 TOPIC 下",
        'the files are Anki "Notes in Plain Text" exports; one note per row under TOPIC',
    ),
}
