"""Words the generated pages use, in Kazakh and Russian, and dates in each language's form."""
from __future__ import annotations

import datetime as dt
import functools

from babel import Locale
from babel.dates import format_date

# Babel (CLDR) knows both languages' month names and plural rules; only the trailing
# abbreviation of «жыл» / «год» is the local custom we add.
_DATE_PATTERN = {"kk": "d MMMM y 'ж'.", "ru": "d MMMM y 'г'."}

UI: dict[str, dict[str, str]] = {
    "kk": {
        "site.name": "Азаматтық коалициялар",
        "home.title": "Басты бет",
        "home.intro": "Қазақстандағы азаматтық коалициялар, олардың мәлімдемелері мен іс-шаралары.",
        "coalitions": "Коалициялар",
        "statements": "Мәлімдемелер мен жаңалықтар",
        "statements.latest": "Соңғы мәлімдемелер",
        "statements.none": "Әзірге мәлімдеме жоқ.",
        "events": "Іс-шаралар",
        "events.latest": "Іс-шаралар",
        "events.none": "Әзірге іс-шара жоқ.",
        "overview": "Шолу",
        "declaration": "Декларация",
        "directions": "Басым бағыттар",
        "members": "Мүшелер",
        "members.none": "Мүшелер тізімі әзірге жарияланбаған.",
        "members.unlisted": "мүшелер тізімі жарияланбаған",
        "contacts": "Байланыс",
        "contacts.none": "Байланыс деректері әзірге жоқ.",
        "founded": "Құрылған",
        "place": "Орны",
        "scope": "Ауқымы",
        "kind": "Түрі",
        "leaders": "Басшылары",
        "figures": "Сандар",
        "part_of": "Құрамына кіреді",
        "children": "Құрамындағы коалициялар",
        "sources": "Дереккөздер",
        "source": "Дереккөз",
        "joined": "Қосылған күні",
        "role": "Рөлі",
        "link": "Сілтеме",
        "name": "Атауы",
        "date": "Күні",
        "date.none": "күні көрсетілмеген",
        "signatories": "Қол қойғандар",
        "press": "Баспасөз қызметі",
        "phone": "Телефон",
        "email": "Электрондық пошта",
        "website": "Сайт",
        "facebook": "Facebook",
        "telegram": "Telegram",
        "hotline": "Жедел желі",
        "organisers": "Ұйымдастырушылар",
        "participants": "Қатысушылар",
        "outcomes": "Нәтижелері",
        "coalition": "Коалиция",
        "event": "Іс-шара",
        "all": "Барлығы",
        "pages": "Беттер",
        "page.of": "Бет {n} / {total}",
        "page.n": "{n}-бет",
        "page.prev": "Алдыңғы бет",
        "page.next": "Келесі бет",
        "members.by_type": "Мүшелер түрлері бойынша",
        "notice.fallback": "Бұл бет әлі қазақ тіліне аударылмаған: төменде орысша нұсқасы берілген.",
        "notice.review": "Қазақша мәтін — аударма, ана тілін білетін маманның тексеруін күтуде.",
        "kind.coalition": "Коалиция",
        "kind.civic-platform": "Азаматтық платформа",
        "kind.forum-organiser": "Форум ұйымдастырушысы",
        "scope.national": "Жалпыұлттық",
        "scope.regional": "Өңірлік",
        "scope.city": "Қалалық",
        "type.political-party": "Саяси партиялар",
        "type.civic-movement": "Азаматтық қозғалыстар",
        "type.ngo": "ҮЕҰ және қоғамдық қорлар",
        "type.trade-union": "Кәсіподақтар",
        "type.association": "Қауымдастықтар мен одақтар",
        "type.media": "БАҚ",
        "type.initiative": "Бастамалар",
        "type.individual": "Азаматтық белсенділер",
        "type.other": "Басқалар",
        "statement.declaration": "Декларация",
        "statement.press-release": "Баспасөз релизі",
        "statement.news": "Жаңалық",
        "statement.event-report": "Іс-шара туралы есеп",
    },
    "ru": {
        "site.name": "Гражданские коалиции",
        "home.title": "Главная",
        "home.intro": "Гражданские коалиции Казахстана, их заявления и мероприятия.",
        "coalitions": "Коалиции",
        "statements": "Заявления и новости",
        "statements.latest": "Последние заявления",
        "statements.none": "Заявлений пока нет.",
        "events": "Мероприятия",
        "events.latest": "Мероприятия",
        "events.none": "Мероприятий пока нет.",
        "overview": "Обзор",
        "declaration": "Декларация",
        "directions": "Приоритетные направления",
        "members": "Участники",
        "members.none": "Список участников пока не опубликован.",
        "members.unlisted": "список участников не опубликован",
        "contacts": "Контакты",
        "contacts.none": "Контактов пока нет.",
        "founded": "Создана",
        "place": "Место",
        "scope": "Масштаб",
        "kind": "Тип",
        "leaders": "Руководство",
        "figures": "В цифрах",
        "part_of": "Входит в",
        "children": "Коалиции в составе",
        "sources": "Источники",
        "source": "Источник",
        "joined": "Дата присоединения",
        "role": "Роль",
        "link": "Ссылка",
        "name": "Название",
        "date": "Дата",
        "date.none": "дата не указана",
        "signatories": "Подписали",
        "press": "Пресс-служба",
        "phone": "Телефон",
        "email": "Электронная почта",
        "website": "Сайт",
        "facebook": "Facebook",
        "telegram": "Telegram",
        "hotline": "Горячая линия",
        "organisers": "Организаторы",
        "participants": "Участники",
        "outcomes": "Итоги",
        "coalition": "Коалиция",
        "event": "Мероприятие",
        "all": "Всего",
        "pages": "Страницы",
        "page.of": "Страница {n} из {total}",
        "page.n": "страница {n}",
        "page.prev": "Предыдущая страница",
        "page.next": "Следующая страница",
        "members.by_type": "Участники по типам",
        "notice.fallback": "Эта страница ещё не переведена на русский язык: ниже приведена казахская версия.",
        "notice.review": "Русский текст — перевод, ожидает проверки носителем языка.",
        "kind.coalition": "Коалиция",
        "kind.civic-platform": "Гражданская платформа",
        "kind.forum-organiser": "Организатор форума",
        "scope.national": "Общенациональная",
        "scope.regional": "Региональная",
        "scope.city": "Городская",
        "type.political-party": "Политические партии",
        "type.civic-movement": "Гражданские движения",
        "type.ngo": "НПО и общественные фонды",
        "type.trade-union": "Профсоюзы",
        "type.association": "Ассоциации и союзы",
        "type.media": "СМИ",
        "type.initiative": "Инициативы",
        "type.individual": "Гражданские активисты",
        "type.other": "Другие",
        "statement.declaration": "Декларация",
        "statement.press-release": "Пресс-релиз",
        "statement.news": "Новость",
        "statement.event-report": "Отчёт о мероприятии",
    },
}

# Counted nouns, by CLDR plural category (Kazakh nouns do not change after a number).
_COUNTED = {
    "members": {"kk": {"other": "мүше"},
                "ru": {"one": "участник", "few": "участника", "many": "участников", "other": "участника"}},
}


def t(lang: str, key: str) -> str:
    return UI[lang][key]


@functools.lru_cache(maxsize=4096)  # Babel formats slowly; a site repeats few dates many times
def date(value: dt.date | None, lang: str) -> str:
    """«28 тамыз 2019 ж.» / «28 августа 2019 г.»; an unknown date says so."""
    if value is None:
        return t(lang, "date.none")
    return format_date(value, _DATE_PATTERN[lang], locale=lang)


def count(n: int, noun: str, lang: str) -> str:
    forms = _COUNTED[noun][lang]
    return f"{n} {forms.get(Locale.parse(lang).plural_form(n), forms['other'])}"
