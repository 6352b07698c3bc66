/*
 * Russian locale for plotly.js 4.x (our own translation, MIT like the project).
 *
 * Use it with  dcc.Graph(config={"locale": "ru"})  (or "ru-RU": plotly.js falls back
 * from "ru-RU" to "ru").
 *
 * Loading order matters.  The dashboard names plotly.js in its page before the assets
 * (dashboard/web/app.py), but in a plain Dash app assets/*.js come BEFORE plotly.js: with
 * the default eager_loading=False, dcc.Graph injects plotly.min.js later, when the first
 * graph mounts (and even with eager_loading=True the plotly tag comes after the assets).
 * We therefore register at once if plotly.js is already there, and otherwise
 * catch the moment the bundle assigns `window.Plotly = Plotly` (a property setter), which
 * happens before its <script> onload fires, i.e. before any graph is drawn.
 * (Checked with Dash 4.4.1 / plotly.js 4.1.1: tests/browser/test_locale.py.)
 *
 * Format keys are the ones plotly.js 4.1 reads from a locale: d3 time/number locale
 * (days, shortDays, months, shortMonths, periods, dateTime, date, time, decimal,
 * thousands, grouping, currency) plus the axis/hover extras (year, month, dayMonth,
 * dayMonthYear).  A locale that lacks any of them gets the English value for it.
 * decimal + thousands also become the default of layout.separators.
 */
(function () {
    'use strict';

    var NBSP = '\u00a0';

    var LOCALE_RU = {
        moduleType: 'locale',
        name: 'ru',
        dictionary: {
            // modebar
            'Autoscale': 'Автомасштаб',
            'Box Select': 'Выделение прямоугольником',
            'Compare data on hover': 'Сравнивать данные при наведении',
            'Download plot': 'Скачать график',
            'Download plot as a PNG': 'Скачать график в формате PNG',
            'Download plot as JSON': 'Скачать график в формате JSON',
            'Draw circle': 'Нарисовать круг',
            'Draw closed freeform': 'Нарисовать замкнутую фигуру',
            'Draw line': 'Нарисовать линию',
            'Draw open freeform': 'Нарисовать незамкнутую линию',
            'Draw rectangle': 'Нарисовать прямоугольник',
            'Erase active shape': 'Удалить выбранную фигуру',
            'Lasso Select': 'Выделение лассо',
            'Orbital rotation': 'Орбитальное вращение',
            'Pan': 'Сдвиг',
            'Produced with Plotly.js': 'Создано с помощью Plotly.js',
            'Reset': 'Сбросить',
            'Reset axes': 'Сбросить оси',
            'Reset camera to default': 'Вернуть камеру по умолчанию',
            'Reset camera to last save': 'Вернуть камеру к последнему сохранению',
            'Reset view': 'Сбросить вид',
            'Reset views': 'Сбросить виды',
            'Show closest data on hover': 'Показывать ближайшие данные при наведении',
            'Toggle Spike Lines': 'Вкл./выкл. линии-указатели',
            'Toggle show closest data on hover': 'Вкл./выкл. показ ближайших данных при наведении',
            'Turntable rotation': 'Вращение вокруг оси',
            'Zoom': 'Масштаб',
            'Zoom in': 'Увеличить',
            'Zoom out': 'Уменьшить',

            // notifications and sharing
            'Cancel': 'Отмена',
            'Double-click on legend to isolate one trace': 'Дважды щёлкните по легенде, чтобы оставить один ряд',
            'Double-click to zoom back out': 'Дважды щёлкните, чтобы вернуть масштаб',
            'Image download succeeded': 'Изображение скачано',
            'JSON download succeeded': 'JSON-файл скачан',
            'Preparing image - this may take a few seconds': 'Подготовка изображения — это может занять несколько секунд',
            'Sorry, there was a problem downloading your image!': 'Не удалось скачать изображение.',
            'Sorry, there was a problem downloading your JSON file!': 'Не удалось скачать JSON-файл.',
            'Share': 'Поделиться',
            'Share chart': 'Поделиться графиком',
            'Share chart...': 'Поделиться графиком…',
            'This chart will be sent to {serverUrl}.': 'Этот график будет отправлен на {serverUrl}.',
            'This chart will be uploaded to {Plotly Cloud} to create a sharing link. Only you can see it until you change its visibility.':
                'Этот график будет загружен в {Plotly Cloud}, чтобы получить ссылку. ' +
                'Пока вы не измените настройки доступа, его видите только вы.',
            "If you don't have a Plotly Cloud account yet, you'll have a chance to create one.":
                'Если у вас ещё нет учётной записи Plotly Cloud, вы сможете её создать.',

            // editable placeholders
            'Click to enter Colorscale title': 'Нажмите, чтобы ввести название цветовой шкалы',
            'Click to enter Component A title': 'Нажмите, чтобы ввести название компонента A',
            'Click to enter Component B title': 'Нажмите, чтобы ввести название компонента B',
            'Click to enter Component C title': 'Нажмите, чтобы ввести название компонента C',
            'Click to enter Plot subtitle': 'Нажмите, чтобы ввести подзаголовок графика',
            'Click to enter Plot title': 'Нажмите, чтобы ввести заголовок графика',
            'Click to enter X axis title': 'Нажмите, чтобы ввести название оси X',
            'Click to enter Y axis title': 'Нажмите, чтобы ввести название оси Y',
            'Click to enter radial axis title': 'Нажмите, чтобы ввести название радиальной оси',
            'new text': 'новый текст',
            'trace': 'ряд',

            // hover labels
            'close:': 'закрытие:',
            'concentration:': 'концентрация:',
            'high:': 'максимум:',
            'incoming flow count:': 'входящих потоков:',
            'kde:': 'плотность (KDE):',
            'lat:': 'шир.:',
            'lon:': 'долг.:',
            'low:': 'минимум:',
            'lower fence:': 'нижняя граница:',
            'max:': 'макс.:',
            'mean ± σ:': 'среднее ± σ:',
            'mean:': 'среднее:',
            'median:': 'медиана:',
            'min:': 'мин.:',
            'open:': 'открытие:',
            'outgoing flow count:': 'исходящих потоков:',
            'q1:': 'Q1:',
            'q3:': 'Q3:',
            'source:': 'источник:',
            'target:': 'цель:',
            'upper fence:': 'верхняя граница:'
        },
        format: {
            days: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
            shortDays: ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
            // nominative: axis labels such as "%B %Y" read "январь 2024"
            months: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь',
                'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
            shortMonths: ['янв', 'фев', 'мар', 'апр', 'май', 'июн',
                'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
            periods: ['ДП', 'ПП'],
            dateTime: '%A, %-d %b %Y г. %X',
            date: '%d.%m.%Y',
            time: '%H:%M:%S',
            decimal: ',',
            thousands: NBSP,
            grouping: [3],
            currency: ['', NBSP + '₽'],
            // axis headers and hover labels of date axes
            year: '%Y',
            month: '%b %Y',
            dayMonth: '%-d %b',
            dayMonthYear: '%-d %b %Y'
        }
    };

    function register(P) {
        if (!P || typeof P.register !== 'function') {
            return false;
        }
        try {
            P.register(LOCALE_RU);
        } catch (err) {
            if (window.console) {
                window.console.warn('plotly-locale-ru: registration failed', err);
            }
        }
        return true;
    }

    if (window.Plotly) {
        register(window.Plotly);
        return;
    }

    // plotly.js is not loaded yet (the usual case in Dash): register when it arrives.
    // The accessor stays in place, so a second copy of plotly.js (Dash lists
    // plotly.min.js once per Dash() instance in the process; with eager_loading=True
    // a process that built several apps loads it several times) gets the locale too.
    try {
        var current;
        Object.defineProperty(window, 'Plotly', {
            configurable: true,
            enumerable: true,
            get: function () {
                return current;
            },
            set: function (value) {
                current = value;
                register(value);
            }
        });
    } catch (err) {
        // Could not install the setter: poll instead (the first graph may then be drawn
        // with the default locale and switch on its next redraw).
        var tries = 0;
        var timer = window.setInterval(function () {
            tries += 1;
            if (register(window.Plotly) || tries > 1200) {
                window.clearInterval(timer);
            }
        }, 50);
    }
})();
