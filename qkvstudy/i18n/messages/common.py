"""Words shared by every screen and command."""

MESSAGES = {
    "common.grade.again": ("重来", "Again"),
    "common.grade.hard": ("困难", "Hard"),
    "common.grade.good": ("良好", "Good"),
    "common.grade.easy": ("简单", "Easy"),
    "common.state.new": ("新", "new"),
    "common.state.learning": ("学习中", "learning"),
    "common.state.review": ("复习", "review"),
    "common.state.relearning": ("重学", "relearning"),
    "common.unit.minutes": ("{n} 分钟", "{n} min"),
    "common.unit.hours": ("{n} 小时", "{n} h"),
    "common.unit.days": ("{n} 天", "{n} d"),
    "common.unit.months": ("{n} 个月", "{n} mo"),
    "common.unit.years": ("{n} 年", "{n} y"),
}
