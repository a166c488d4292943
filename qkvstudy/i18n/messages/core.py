"""Messages of the core: note problems, the scan summary, study errors, settings, write-back."""

MESSAGES = {
    "core.note.too_big": (
        "文件有 {mb} MB；超过 5 MB 的笔记不导入",
        "file is {mb} MB; notes over 5 MB are not imported",
    ),
    "core.note.empty": ("空文件", "empty file"),
    "core.note.binary": (
        "二进制文件（含 NUL 字节），不是 Markdown 笔记",
        "binary file (contains NUL bytes), not a Markdown note",
    ),
    "core.note.not_utf8": (
        "不是 UTF-8 文本（偏移 {offset} 处的字节 0x{byte}）",
        "not UTF-8 text (byte 0x{byte} at offset {offset})",
    ),
    "core.note.gbk": (
        "编码是 GBK，不是 UTF-8；请转换（例如 iconv -f GBK -t UTF-8）后再导入",
        "encoded as GBK, not UTF-8; convert it (e.g. iconv -f GBK -t UTF-8) and import again",
    ),
    "core.note.markdown": ("无法解析 Markdown（{error}）", "Markdown could not be parsed ({error})"),
    "core.note.fm_unclosed": ("以 --- 开头的 front-matter 没有闭合", "front-matter opened with --- is never closed"),
    "core.note.no_h1": (
        "没有一级标题：第一个以 '# ' 开头的行是笔记的问题",
        "no H1 heading: the first '# ' line is the note's question",
    ),
    "core.note.bad_yaml": ("front-matter 不是合法的 YAML：{reason}", "invalid YAML front-matter: {reason}"),
    "core.note.yaml_deep": ("嵌套太深", "nested too deeply"),
    "core.note.fm_not_mapping": (
        "front-matter 必须是键值映射，不能是 {kind}",
        "front-matter must be a mapping of keys, not a {kind}",
    ),
    "core.note.field_ignored": ("{key}：{reason}；已忽略该字段", "{key}: {reason}; field ignored"),
    "core.note.not_date": ("{value} 不是日期（YYYY-MM-DD）", "{value} is not a date (YYYY-MM-DD)"),
    "core.note.not_whole": ("{value} 不是整数", "{value} is not a whole number"),
    "core.note.negative": ("{value} 是负数", "{value} is negative"),
    "core.note.not_difficulty": ("{value} 不是 easy、medium、hard 之一", "{value} is not one of easy, medium, hard"),
    "core.note.not_number": ("{value} 不是数字", "{value} is not a number"),
    "core.note.outside_unit": ("{value} 不在 [0, 1] 之内", "{value} is outside [0, 1]"),
    "core.note.not_tags": ("{value} 不是标签列表", "{value} is not a list of tags"),
    "core.note.tags_not_text": ("tags：不是文本的条目已忽略", "tags: entries that are not text ignored"),
    "core.note.over_limit": (
        "文件超过 {mb} MB；超过 5 MB 的笔记不导入",
        "file is over {mb} MB; notes over 5 MB are not imported",
    ),
    "core.note.cannot_read": ("无法读取：{reason}", "cannot read: {reason}"),
    "core.note.drill_ignored": ("qkvdrill 代码块：{reason}；已忽略该练习", "qkvdrill block: {reason}; drill ignored"),
    "core.note.duplicate": ("与 {other} 内容相同；不重复导入", "same content as {other}; not imported twice"),
    "core.scan.summary": (
        "新增 {added} / 更新 {updated} / 未变 {unchanged} / 移动 {moved} / 缺失 {missing} / 拒绝 {rejected}",
        "added {added} / updated {updated} / unchanged {unchanged} / moved {moved} / missing {missing} / rejected {rejected}",
    ),
    "core.study.no_card": ("没有编号为 {id} 的卡片", "no card with id {id}"),
    "core.study.no_note": ("没有编号为 {id} 的笔记", "no note with id {id}"),
    "core.study.not_in_library": ("{path}：不是笔记库 {root} 里的笔记", "{path}: not a note in the library {root}"),
    "core.study.unknown_drill": ("未知的练习类型 {type}", "unknown drill type {type}"),
    "core.study.drill_card": ("练习：{type}", "drill: {type}"),
    "core.study.bad_grade": (
        "评分必须是 1–4（again、hard、good、easy），不能是 {rating}",
        "grade must be 1–4 (again, hard, good, easy), not {rating}",
    ),
    "core.study.changed_on_disk": (
        "笔记在磁盘上改过了；评分前已重新索引",
        "the note changed on disk; re-indexed before grading",
    ),
    "core.writeback.failed": ("{path}：front-matter 未更新：{reason}", "{path}: front-matter not updated: {reason}"),
    "core.config.now_not_iso": (
        "QKVSTUDY_NOW={value} 不是 ISO 日期时间（{error}）",
        "QKVSTUDY_NOW={value} is not an ISO date-time ({error})",
    ),
    "core.config.now_range": ("QKVSTUDY_NOW={value} 超出范围", "QKVSTUDY_NOW={value} is out of range"),
    "core.config.not_dir": ("{root}：笔记库不是目录", "{root}: notes library is not a directory"),
    "core.config.finite": (
        "设置必须是有限的数字（不能是 nan 或 inf）",
        "settings must be finite numbers (not nan or inf)",
    ),
    "core.config.retention": (
        "desired_retention 必须在 0.70 到 0.99 之间，不能是 {value}",
        "desired_retention must be between 0.70 and 0.99, not {value}",
    ),
    "core.config.day_start": (
        "day_starts_at 必须是 0–23 点，不能是 {value}",
        "day_starts_at must be an hour 0–23, not {value}",
    ),
    "core.config.per_day": (
        "new_per_day 和 reviews_per_day 必须在 0 到 {max} 之间",
        "new_per_day and reviews_per_day must be between 0 and {max}",
    ),
    "core.config.max_interval": (
        "maximum_interval_days 必须在 1 到 {max} 之间",
        "maximum_interval_days must be between 1 and {max}",
    ),
    "core.config.steps": (
        "最多 {count} 个步长，每个最多 {minutes} 分钟（一年）",
        "at most {count} steps, each at most {minutes} minutes (a year)",
    ),
    "core.config.tolerance": ("drill_tolerance 必须在 0 到 1 之间", "drill_tolerance must be between 0 and 1"),
    "core.config.leech_threshold": ("leech_threshold 必须 ≥ 1", "leech_threshold must be ≥ 1"),
    "core.config.leech_action": (
        "leech_action 必须是 suspend 或 mark，不能是 {value}",
        "leech_action must be suspend or mark, not {value}",
    ),
    "core.config.fsrs": (
        "fsrs_parameters 必须是 21 个 FSRS-6 权重（`qkvstudy optimize --reset` 可清除）",
        "fsrs_parameters must be the 21 FSRS-6 weights (`qkvstudy optimize --reset` clears them)",
    ),
    "core.config.steps_positive": (
        "learning 和 relearning 步长必须是正的分钟数",
        "learning and relearning steps must be positive minutes",
    ),
    "core.config.unknown": (
        "{path}：未知的设置 {key}（已知：{known}）",
        "{path}: unknown setting {key} (known: {known})",
    ),
    "core.config.list": ("{path}：{key} 必须是数字列表", "{path}: {key} must be a list of numbers"),
    "core.config.bool": ("{path}：{key} 必须是 true 或 false", "{path}: {key} must be true or false"),
    "core.config.number": ("{path}：{key} 必须是数字", "{path}: {key} must be a number"),
    "core.config.whole": ("{path}：{key} 必须是整数", "{path}: {key} must be a whole number"),
    # write-back refusals (the reason in 'front-matter not updated: …')
    "core.writeback.no_fm": (
        "笔记没有 front-matter（第一行不是 '---'）",
        "note has no front-matter (the first line is not '---')",
    ),
    "core.writeback.fm_unclosed": (
        "front-matter 没有闭合（开头的 '---' 之后没有另一行 '---'）",
        "front-matter is not closed (no '---' line after the opening one)",
    ),
    "core.writeback.not_mapping": ("front-matter 不是键值映射", "front-matter is not a mapping of keys to values"),
    "core.writeback.flow": (
        "front-matter 是 {flow} 形式的映射；只编辑块映射",
        "front-matter is a {flow} mapping; only block mappings are edited",
    ),
    "core.writeback.indented": (
        "front-matter 的键有缩进；无法安全地追加新键",
        "front-matter keys are indented; cannot append a new key safely",
    ),
    "core.writeback.outside": ("改动 front-matter 之外的字节", "change bytes outside the front-matter"),
    "core.writeback.line_count": ("改变 front-matter 的行数", "change the number of front-matter lines"),
    "core.writeback.other_keys": ("增删其他键", "add or remove other keys"),
    "core.writeback.utf8": ("笔记不是合法的 UTF-8（第 {byte} 字节）", "note is not valid UTF-8 (byte {byte})"),
    "core.writeback.twice": ("front-matter 的键 {key} 出现了不止一次", "front-matter key {key} appears more than once"),
    "core.writeback.yaml": ("front-matter 不是合法的 YAML：{problem}", "front-matter is not valid YAML: {problem}"),
    "core.writeback.unloadable": (
        "front-matter 里有 YAML 无法加载的值：{error}",
        "front-matter has a value YAML cannot load: {error}",
    ),
    "core.writeback.not_plain": (
        "front-matter 的键 {key} 不是普通的顶层 'key: value' 行",
        "front-matter key {key} is not a plain top-level 'key: value' line",
    ),
    "core.writeback.list": (
        "front-matter 的键 {key} 是列表；不覆盖，请手动编辑",
        "front-matter key {key} holds a list; not overwriting it, edit it by hand",
    ),
    "core.writeback.mapping": (
        "front-matter 的键 {key} 是映射；不覆盖，请手动编辑",
        "front-matter key {key} holds a mapping; not overwriting it, edit it by hand",
    ),
    "core.writeback.block": (
        "front-matter 的键 {key} 是块值（{style}）；请手动编辑",
        "front-matter key {key} has a block value ({style}); edit it by hand",
    ),
    "core.writeback.alias": (
        "front-matter 的键 {key} 用了 YAML 别名；请手动编辑",
        "front-matter key {key} uses a YAML alias; edit it by hand",
    ),
    "core.writeback.multiline": (
        "front-matter 的键 {key} 的值跨了多行；请手动编辑",
        "front-matter key {key} has a multi-line value; edit it by hand",
    ),
    "core.writeback.anchor": (
        "front-matter 的键 {key} 带有 YAML 锚点或标签；请手动编辑",
        "front-matter key {key} has a YAML anchor or tag; edit it by hand",
    ),
    "core.writeback.refuse": (
        "拒绝写入 front-matter：这次修改会{why}",
        "refusing to write front-matter: the edit would {why}",
    ),
    "core.writeback.break": ("破坏 front-matter（{error}）", "break the front-matter ({error})"),
    "core.writeback.change_value": ("改变 {key} 的值", "change the value of {key}"),
    "core.writeback.not_store": ("没有把 {value} 存进 {key}", "not store {value} in {key}"),
    "core.writeback.cannot_write": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "core.writeback.layout": (
        "front-matter 的键 {key} 的值布局出乎意料",
        "front-matter key {key} has an unexpected value layout",
    ),
    "core.writeback.at_line": ("（front-matter 第 {line} 行）", " (front-matter line {line})"),
}
