"""Messages about keeping the user's data safe: the database, write-back, import, `qkvstudy check`."""

MESSAGES = {
    "trust.db.no_backup": ("没有备份", "no backup exists"),
    "trust.db.backup_hint": (
        "最新的备份是 {backup}：关闭 qkvstudy 后把它复制到 {db} 即可恢复",
        "the newest backup is {backup}: close qkvstudy and copy it over {db} to recover",
    ),
    "trust.db.damaged": (
        "{db}：数据库已损坏（{detail}）；文件未被改动。{hint}",
        "{db}: the database is damaged ({detail}); the file was left untouched. {hint}",
    ),
    "trust.db.locked": (
        "{db}：数据库被另一个 qkvstudy 进程占用，等待超时；什么都没有丢失，请稍后再试",
        "{db}: the database is busy in another qkvstudy process past the timeout; nothing was lost, try again",
    ),
    "trust.db.readonly": (
        "{db}：数据库（或其所在文件夹）不可写；请检查权限后再试",
        "{db}: the database (or its folder) cannot be written; check its permissions and try again",
    ),
    "trust.db.cannot_open": (
        "{db}：无法打开数据库文件；请检查路径和权限",
        "{db}: the database file cannot be opened; check the path and its permissions",
    ),
    "trust.db.full": (
        "{db}：磁盘已满，数据库无法写入；什么都没有丢失，腾出空间后再试",
        "{db}: the disk is full and the database cannot be written; nothing was lost, free some space and retry",
    ),
    "trust.db.not_a_file": ("{db}：这是一个文件夹，不是数据库文件", "{db}: this is a folder, not a database file"),
    "trust.db.unreadable": ("{db}：无法读取数据库（{reason}）", "{db}: the database cannot be read ({reason})"),
    "trust.db.empty": (
        "{db}：数据库文件是空的（0 字节），复习记录不在其中；文件未被改动。{hint}；若要从头开始，删除该文件",
        "{db}: the database file is empty (0 bytes), so its review history is gone; the file was left "
        "untouched. {hint}; to start afresh, delete the file",
    ),
    "trust.db.not_sqlite": (
        "{db}：不是 SQLite 数据库；文件未被改动。{hint}",
        "{db}: not a SQLite database; the file was left untouched. {hint}",
    ),
    "trust.db.newer": (
        "{db}：数据库由更新版本的 qkvstudy 创建（schema {revision}）；请升级 qkvstudy，文件未被改动",
        "{db}: the database was made by a newer qkvstudy (schema {revision}); upgrade qkvstudy; the file "
        "was left untouched",
    ),
    "trust.parse.failed": ("无法解析此笔记（{error}）", "the note could not be parsed ({error})"),
    "trust.parse.yaml_budget": ("front-matter 无法安全读取：{reason}", "front-matter cannot be read safely: {reason}"),
    "trust.parse.too_large": ("{value} 超过上限 {limit}", "{value} is over the limit of {limit}"),
    "trust.drill.yaml_budget": ("qkvdrill 块无法安全读取：{reason}", "qkvdrill block cannot be read safely: {reason}"),
    "trust.writeback.conflict": (
        "{path}：写回期间文件被反复修改（尝试 {tries} 次）；笔记未改动，评分已保存在数据库中",
        "{path}: the file kept changing during write-back ({tries} tries); the note is untouched, the grade is "
        "kept in the database",
    ),
    "trust.check.help": (
        "检查数据库完整性，并用复习记录重放每张卡片",
        "check the database's integrity and replay every card's review log",
    ),
    "trust.check.repair_help": ("用复习记录重建不一致的卡片", "rebuild the cards that differ from their review log"),
    "trust.check.no_db": ("{db}：数据库不存在", "{db}: no database there"),
    "trust.check.differs": (
        "卡片 {card} 与其复习记录不一致：{fields}",
        "card {card} differs from its review log: {fields}",
    ),
    "trust.check.repaired": ("已按复习记录重建 {n} 张卡片", "{n} card(s) rebuilt from their review log"),
    "trust.check.summary": (
        "{db}：完整性检查通过；{n} 张卡片与复习记录不一致",
        "{db}: integrity check passed; {n} card(s) differ from their review log",
    ),
    "trust.import.not_regular": (
        "不是普通文件（{kind}），未读取",
        "not a regular file ({kind}); not opened",
    ),
    "trust.import.cannot_read": ("无法读取：{reason}", "cannot read: {reason}"),
    "trust.import.outside": (
        "目标文件夹 {folder} 指向笔记库之外（符号链接）；未导入",
        "the destination folder {folder} leads outside the library (a symlink); not imported",
    ),
    "trust.import.cannot_write": ("无法写入 {where}：{reason}；未导入", "cannot write {where}: {reason}; not imported"),
    "trust.undo.graded_since": (
        "这张卡片之后又被评分过（另一个窗口或命令）；未撤销，以免丢失那次评分",
        "this card was graded again since (another window or command); not undone, so that grade is kept",
    ),
    "trust.undo.reset_since": (
        "这张卡片在这次评分之后被重置或重新排期过；未撤销",
        "this card was reset or rescheduled after that grade; not undone",
    ),
}
