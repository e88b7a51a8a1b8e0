"""The console's words in Traditional Chinese (the default) and English."""

from __future__ import annotations

LANGS = ("zh-Hant", "en")
DEFAULT = "zh-Hant"

_TEXTS: dict[str, tuple[str, str]] = {
    # key: (Traditional Chinese, English)
    "title": ("CEPA 查詢助手 — 職員控制台", "CEPA assistant — staff console"),
    "skip": ("跳到主要內容", "Skip to main content"),
    "nav": ("控制台導覽", "Console navigation"),
    "overview": ("概覽", "Overview"),
    "unanswered": ("未能回答的問題", "Unanswered questions"),
    "tickets": ("轉交個案", "Tickets"),
    "feedback": ("意見回饋", "Feedback"),
    "logout": ("登出", "Log out"),
    "login": ("登入", "Log in"),
    "username": ("用戶名稱", "User name"),
    "password": ("密碼", "Password"),
    "login_failed": (
        "用戶名稱或密碼不正確；多次失敗後帳戶會暫時鎖定，請稍後再試。",
        "Wrong user name or password. After repeated failures an account is locked for a "
        "while; try again later.",
    ),
    "form_expired": ("表格已過期，請再試一次。", "The form expired; please try again."),
    "signed_in_as": ("已登入：", "Signed in as "),
    "role_viewer": ("檢視者", "viewer"),
    "role_editor": ("編輯者", "editor"),
    "language": ("語言", "Language"),
    "today": ("今日", "Today"),
    "days7": ("最近 7 日", "Last 7 days"),
    "days30": ("最近 30 日", "Last 30 days"),
    "period": ("期間", "Period"),
    "conversations": ("對話", "Conversations"),
    "messages": ("訊息", "Messages"),
    "questions": ("提問", "Questions"),
    "answered_rate": ("回答率", "Answered rate"),
    "out_of_scope_rate": ("範圍以外比率", "Out-of-scope rate"),
    "handoffs": ("轉交職員", "Hand-offs"),
    "thumbs": ("👍 / 👎", "👍 / 👎"),
    "p95": ("p95 回應時間", "p95 latency"),
    "by_lang": ("按語言", "By language"),
    "by_channel": ("按渠道", "By channel"),
    "per_day": ("每日訊息", "Messages per day"),
    "answered": ("已回答", "Answered"),
    "not_answered": ("未回答", "Not answered"),
    "other": ("其他（問候、表格步驟等）", "Other (greetings, form steps…)"),
    "count": ("次數", "Count"),
    "last_seen": ("最近一次", "Last asked"),
    "closest": ("最接近的條目", "Closest entry"),
    "score": ("分數", "Score"),
    "variants": ("相近問法", "Similar askings"),
    "attach": ("加入為新問法", "Add as a phrasing"),
    "entry": ("條目", "Entry"),
    "dismiss": ("略過", "Dismiss"),
    "nothing": ("沒有資料。", "Nothing here."),
    "csv": ("下載 CSV", "Download CSV"),
    "review_note": (
        "加入的問法會寫入待審核清單（cepa-kb suggestions），經開發人員合併後才會影響回答。",
        "Accepted phrasings go to a review list (cepa-kb suggestions); they change answers only "
        "once a developer merges them.",
    ),
    "reviewed": ("已記錄。", "Recorded."),
    "reference": ("編號", "Reference"),
    "created": ("建立時間", "Created"),
    "channel": ("渠道", "Channel"),
    "lang": ("語言", "Language"),
    "topic": ("主題", "Topic"),
    "status": ("狀態", "Status"),
    "email": ("電郵", "E-mail"),
    "attempts": ("嘗試次數", "Attempts"),
    "error": ("錯誤", "Error"),
    "question": ("問題", "Question"),
    "transcript": ("對話紀錄", "Transcript"),
    "name": ("姓名", "Name"),
    "contact": ("聯絡方式", "Contact"),
    "retry": ("重新發送電郵", "Send the e-mail again"),
    "resolve": ("標示為已解決", "Mark resolved"),
    "back": ("返回", "Back"),
    "rating": ("評分", "Rating"),
    "not_allowed": ("你的角色不可進行此操作。", "Your role cannot do this."),
    "not_found": ("找不到。", "Not found."),
    "definitions": (
        "提問＝已回答、未回答及範圍以外的訊息；回答率＝已回答÷提問；期間按澳門日期計算。",
        "Questions = answered, unanswered and out-of-scope messages; answered rate = answered ÷ "
        "questions; periods are Macao days.",
    ),
}


def texts(lang: str) -> dict[str, str]:
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in _TEXTS.items()}


def pick(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT
