"""The command line: help, options, results and problems (argparse's own words included)."""

MESSAGES = {
    # The program and its commands
    "cli.description": (
        "机器学习面试笔记的间隔重复复习，附带注意力机制练习。不带命令时打开学习应用。"
        "通用选项（--db、--notes、--no-write-back、--lang）写在命令之前或之后都一样。",
        "Spaced-repetition review of ML-interview notes, with attention drills. With no command, opens the "
        "study app. The common options (--db, --notes, --no-write-back, --lang) mean the same before or after "
        "the command.",
    ),
    "cli.exit_codes": (
        "退出码：0 完成；1 未能全部完成（导入时有文件被拒、笔记不在库中、评分已保存但 front-matter 未能写回）；"
        "2 用法错误（选项、路径、主题或设置有误）；130 被中断；141 输出管道已关闭。",
        "Exit status: 0 done; 1 not everything could be done (a file rejected by import, a note not in the "
        "library, a grade kept but its front-matter not written); 2 a usage error (a bad option, path, topic "
        "or setting); 130 interrupted; 141 the output pipe was closed.",
    ),
    "cli.commands": ("命令", "commands"),
    "cli.commands.help": ("qkvstudy COMMAND --help 显示该命令的选项", "qkvstudy COMMAND --help shows its options"),
    "cli.see_help": ("（用法见 {prog} --help）", " (see {prog} --help)"),
    "cli.option_not_for_command": ("{option} 不适用于 {command} 命令", "{option} does not apply to {command}"),
    "cli.bad_lang_env": (
        "QKVSTUDY_LANG={value!r} 不是支持的语言（可选：{choices}）",
        "QKVSTUDY_LANG={value!r} is not a supported language (choose from {choices})",
    ),
    "cli.settings.bad_language": (
        "language 必须是 {choices} 之一，而不是 {value}",
        "language must be one of {choices}, not {value}",
    ),
    "cli.settings.not_text": ("{path}：{key} 必须是字符串", "{path}: {key} must be a string"),
    # Common options
    "cli.opt.db": (
        "数据库文件或 SQLAlchemy URL（环境变量 QKVSTUDY_DB）",
        "database file or SQLAlchemy URL (env QKVSTUDY_DB)",
    ),
    "cli.opt.notes": ("笔记库文件夹（环境变量 QKVSTUDY_NOTES）", "notes library folder (env QKVSTUDY_NOTES)"),
    "cli.opt.no_write_back": (
        "不更新笔记 front-matter 中的复习计划字段",
        "never update the scheduling keys in the notes' front-matter",
    ),
    "cli.opt.lang": (
        "界面语言：zh 中文（默认）或 en 英文（环境变量 QKVSTUDY_LANG，设置 language）",
        "language: zh Chinese (the default) or en English (env QKVSTUDY_LANG, setting language)",
    ),
    "cli.opt.version": ("显示版本号并退出", "show the version and exit"),
    "cli.opt.topic": ("只看这个主题（标签或文件夹）", "only this topic (a tag or a folder)"),
    # Paths and topics
    "cli.notes.no_such_folder": (
        "{path}：笔记库文件夹不存在（什么都没有改动）",
        "{path}: no such notes folder (nothing was changed)",
    ),
    "cli.notes.not_a_folder": (
        "{path}：不是文件夹，不能作为笔记库",
        "{path}: not a folder, cannot be the notes library",
    ),
    "cli.db.no_such_folder": (
        "{path}：数据库所在的文件夹 {folder} 不存在（不会自动创建）",
        "{path}: the database's folder {folder} does not exist (it is not created for you)",
    ),
    "cli.db.is_a_folder": ("{path}：是文件夹，不是数据库文件", "{path}: is a folder, not a database file"),
    "cli.topic.unknown": ("未知主题 {topic!r}（已有主题：{known}）", "unknown topic {topic!r} (topics: {known})"),
    "cli.scan.rejected": (
        "库中有 {n} 个文件无法导入；运行 `qkvstudy import {root}` 查看原因",
        "{n} file(s) in the library could not be imported; `qkvstudy import {root}` lists them",
    ),
    "cli.progress.indexing": ("索引中", "indexing"),
    # review, drill
    "cli.review.help": ("直接开始复习（打开学习应用）", "open the app straight into a review session"),
    "cli.review.first_scan": ("首次索引笔记库 {root} ……", "indexing the library {root} for the first time…"),
    "cli.drill.help": ("注意力机制练习（打开练习界面）", "attention drills (opens the drill screen)"),
    "cli.drill.opt.list": ("列出所有练习类型", "list the drill types"),
    "cli.drill.opt.type": ("练习类型 id（见 --list）", "drill type id (see --list)"),
    "cli.drill.opt.level": ("难度级别 1–3", "level 1–3"),
    "cli.drill.opt.seed": ("随机种子（同一种子得到同一道题）", "random seed (the same seed gives the same drill)"),
    "cli.drill.unknown_type": (
        "未知练习类型 {type!r}；`qkvstudy drill --list` 列出所有类型",
        "unknown drill type {type!r}; `qkvstudy drill --list` lists them",
    ),
    # import
    "cli.import.help": ("把笔记文件和文件夹导入笔记库", "import note files and folders into the library"),
    "cli.import.opt.paths": (
        "文件或文件夹（递归查找 *.md）；库外的文件复制到 <库>/<第一个标签>/",
        "files or folders (*.md, recursively); files outside the library are copied to <library>/<first tag>/",
    ),
    "cli.import.no_such_path": ("{path}：文件或文件夹不存在", "{path}: no such file or folder"),
    "cli.import.summary": (
        "新增 {added} / 更新 {updated} / 未变 {unchanged} / 移动 {moved} / 缺失 {missing} / 拒绝 {rejected}",
        "added {added} / updated {updated} / unchanged {unchanged} / moved {moved} / missing {missing} / rejected {rejected}",
    ),
    # due
    "cli.due.help": (
        "列出今天到期的卡片（读取现有索引；新增或修改的笔记由 qkvstudy import 收入）",
        "list what is due today (from the index as it is: `qkvstudy import` picks up new and edited notes)",
    ),
    "cli.due.opt.json": ("机器可读的 JSON 输出（键名固定为英文）", "machine-readable JSON (keys always in English)"),
    "cli.due.nothing": ("今天没有到期的卡片", "nothing due today"),
    "cli.due.nothing_topic": ("主题 {topic} 今天没有到期的卡片", "nothing due today in {topic}"),
    "cli.due.col.due": ("到期", "due"),
    "cli.due.col.state": ("状态", "state"),
    "cli.due.col.stability": ("稳定性(天)", "stability (d)"),
    "cli.due.col.difficulty": ("FSRS 难度", "FSRS difficulty"),
    "cli.due.col.recall": ("回忆概率", "recall"),
    "cli.due.col.note": ("笔记", "note"),
    "cli.due.col.title": ("问题", "question"),
    "cli.due.total": (
        "共 {total} 张：新 {new} · 学习中 {learning} · 复习 {review}",
        "{total} due: {new} new · {learning} learning · {review} review",
    ),
    "cli.due.new_limit": ("（今天的新卡上限还剩 {left} 张）", " (today's new-card limit leaves {left})"),
    # grade
    "cli.grade.help": (
        "不开应用，给一条笔记评分（供编辑器和脚本使用）",
        "grade one note without the app (for editors and scripts)",
    ),
    "cli.grade.opt.path": ("笔记文件（相对当前目录或笔记库）", "the note's file (relative to here or to the library)"),
    "cli.grade.opt.rating": ("again|hard|good|easy，或 1–4", "again|hard|good|easy, or 1–4"),
    "cli.grade.done": (
        "{grade}：{path}，下次 {due}（{interval}后；{state}，稳定性 {stability} 天，FSRS 难度 {difficulty}）",
        "{grade}: {path} due {due} (in {interval}; {state}, stability {stability} d, FSRS difficulty {difficulty})",
    ),
    "cli.grade.not_written": (" [评分已保存，front-matter 未写回]", " [grade kept, front-matter not written]"),
    "cli.grade.write_back_off": (
        " [未写回 front-matter：写回已关闭]",
        " [front-matter not written: write-back is off]",
    ),
    # config
    "cli.config.help": ("显示当前设置和各文件的位置", "show the settings in effect and where things are"),
    "cli.config.file": ("# 设置文件：{path}", "# settings file: {path}"),
    "cli.config.file_absent": ("（不存在：使用默认值）", " (absent: defaults)"),
    "cli.config.database": ("# 数据库：{url}", "# database: {url}"),
    "cli.config.notes": ("# 笔记库：{path}", "# notes library: {path}"),
    # stats, optimize, simulate (what they print is the insight area's)
    "cli.stats.help": (
        "学习情况：复习量、保持率、预测、各主题",
        "how you are learning: reviews, retention, forecast, topics",
    ),
    "cli.stats.opt.json": (
        "输出一个 JSON 对象（reviews_per_day、forecast 等）",
        "one JSON object (reviews_per_day, forecast, …)",
    ),
    "cli.optimize.help": ("用你自己的复习记录拟合 FSRS 参数", "fit FSRS parameters to your own review history"),
    "cli.optimize.opt.reset": ("恢复 FSRS-6 默认参数", "go back to the FSRS-6 default parameters"),
    "cli.simulate.help": (
        "不同目标保持率下每天的复习量和记住的卡片数",
        "reviews a day and knowledge kept for each desired retention",
    ),
    "cli.simulate.opt.reschedule": (
        "按当前设置，用每张卡片的复习历史重建它的计划",
        "rebuild every card's schedule from its history with current settings",
    ),
    # bench
    "cli.bench.help": (
        "把每条命令作为独立进程计时，在合成笔记库上做性能测试",
        "time every command as a whole process on synthetic libraries",
    ),
    "cli.bench.opt.sizes": (
        "笔记库大小，逗号分隔（默认 1000,10000）",
        "library sizes, comma-separated (default 1000,10000)",
    ),
    "cli.bench.opt.repeats": ("每个整进程测量的运行次数（默认 5）", "runs of each whole-process figure (default 5)"),
    "cli.bench.opt.grades": ("进程内计时的评分次数（默认 300）", "grades timed in-process (default 300)"),
    "cli.bench.opt.skip": (
        "跳过一部分：import、app、schedule 或 tui",
        "leave out a part: import, app, schedule or tui",
    ),
    "cli.bench.opt.dir": (
        "工作文件夹，多次运行间保留（默认：临时文件夹）",
        "work folder, kept between runs (default: a temporary one)",
    ),
    "cli.bench.opt.json_out": ("同时把所有测量写入这个 JSON 文件", "also write every measurement to this file"),
    # argparse's own words
    "cli.argparse.usage": ("用法：", "usage: "),
    "cli.argparse.positionals": ("位置参数", "positional arguments"),
    "cli.argparse.options": ("选项", "options"),
    "cli.argparse.help": ("显示帮助并退出", "show this help message and exit"),
    "cli.argparse.argument": ("参数 %(argument_name)s：%(message)s", "argument %(argument_name)s: %(message)s"),
    "cli.argparse.invalid_choice": (
        "无效的值 %(value)r（可选：%(choices)s）",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "cli.argparse.invalid_value": ("无效的 %(type)s 值：%(value)r", "invalid %(type)s value: %(value)r"),
    "cli.argparse.required": ("缺少必需的参数：%s", "the following arguments are required: %s"),
    "cli.argparse.unrecognized": ("无法识别的参数：%s", "unrecognized arguments: %s"),
    "cli.argparse.expected_one": ("需要一个值", "expected one argument"),
    "cli.argparse.expected_at_least_one": ("至少需要一个值", "expected at least one argument"),
    "cli.argparse.expected_at_most_one": ("最多只能有一个值", "expected at most one argument"),
    "cli.argparse.expected_n": ("需要 %s 个值", "expected %s argument(s)"),
    "cli.argparse.ambiguous": (
        "有歧义的选项：%(option)s 可以是 %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "cli.argparse.ignored_explicit": ("忽略了显式给出的值 %r", "ignored explicit argument %r"),
    "cli.argparse.not_allowed_with": ("不能与参数 %s 同时使用", "not allowed with argument %s"),
    "cli.argparse.one_required": ("必须给出以下参数之一：%s", "one of the arguments %s is required"),
}
