import { seedRows, type SeedPhrase } from './seed-phrases-en-es';

/**
 * Concept seeds in Chinese, Japanese, Russian and Arabic (RESOLUTIONS.md 40: one phrase per concept of DOMAIN.md
 * §7.3.3). None is a bare word for "help" (`помощь`, `مساعدة`), nor `発作`, `心脏病` or `手伝って` alone. Chinese and
 * Japanese have no word boundary (their default), so a lookbehind keeps `不想死` ("I don't want to die") from
 * matching `想死`.
 */
const CHINESE = seedRows([
  ['heart-attack', '心脏病发作', 'CRITICAL', 'Medical', '心脏病发作|心脏病犯了|心肌梗塞|心梗'],
  ['cannot-breathe', '无法呼吸', 'CRITICAL', 'Medical', '无法呼吸|不能呼吸|喘不过气|喘不上气|透不过气'],
  ['choking', '噎住', 'CRITICAL', 'Medical', '噎住|卡在喉咙|呛住了'],
  ['stroke', '中风', 'CRITICAL', 'Medical', '中风|脑卒中|脑梗|脸歪了|半边身子动不了'],
  ['seizure', '癫痫发作', 'CRITICAL', 'Medical', '癫痫发作|抽搐|羊癫疯'],
  ['suicidal-intent', '自杀念头', 'CRITICAL', 'Safety', '自杀|不想活了|(?<!不)想死|结束(?:自己的|我的)生命|伤害自己'],
  ['intruder', '有人闯入', 'HIGH', 'Safety', '有人闯进|有人闯入|有人破门|家里有陌生人|入室抢劫'],
  ['fell', '我摔倒了', 'HIGH', 'Physical', '我摔倒了|我跌倒了|摔了一跤|我摔了'],
  ['cannot-get-up', '起不来', 'HIGH', 'Physical', '起不来|站不起来|爬不起来'],
  ['chest-pain', '胸痛', 'HIGH', 'Medical', '胸痛|胸口(?:疼|痛|闷)|胸闷'],
  ['call-ambulance', '叫救护车', 'MEDIUM', 'Request', '叫救护车|打120|拨打120|需要救护车'],
  ['help-me', '救命', 'MEDIUM', 'Request', '救命|帮帮我|我需要帮助'],
]);

const JAPANESE = seedRows([
  ['heart-attack', '心臓発作', 'CRITICAL', 'Medical', '心臓発作|心筋梗塞'],
  ['cannot-breathe', '息ができない', 'CRITICAL', 'Medical', '息が(?:でき|出来)ない|呼吸が(?:でき|出来)ない|息が苦しい'],
  ['choking', '窒息', 'CRITICAL', 'Medical', '(?:喉|のど)に詰まった|窒息'],
  ['stroke', '脳卒中', 'CRITICAL', 'Medical', '脳卒中|脳梗塞|脳出血|ろれつが回らない'],
  ['seizure', 'けいれん', 'CRITICAL', 'Medical', 'てんかん発作|けいれん|痙攣'],
  ['suicidal-intent', '自殺念慮', 'CRITICAL', 'Safety', '自殺|死にたい|消えたい|自分を傷つけ'],
  ['intruder', '侵入者', 'HIGH', 'Safety', '誰かが(?:家に)?入ってきた|侵入者|泥棒|空き巣'],
  ['fell', '転んだ', 'HIGH', 'Physical', '転んだ|転倒した|倒れた'],
  ['cannot-get-up', '起き上がれない', 'HIGH', 'Physical', '起き上がれない|立ち上がれない|立てない'],
  ['chest-pain', '胸の痛み', 'HIGH', 'Medical', '胸が痛い|胸の痛み|胸が苦しい|胸が締め付けられ'],
  ['call-ambulance', '救急車を呼んで', 'MEDIUM', 'Request', '救急車を呼んで|救急車が必要|119番'],
  ['help-me', '助けて', 'MEDIUM', 'Request', '助けて|たすけて'],
]);

const RUSSIAN = seedRows([
  ['heart-attack', 'Инфаркт', 'CRITICAL', 'Medical', 'инфаркт|сердечный приступ'],
  ['cannot-breathe', 'Не могу дышать', 'CRITICAL', 'Medical', 'не могу дышать|мне нечем дышать|задыхаюсь'],
  ['choking', 'Подавился', 'CRITICAL', 'Medical', 'подавил(?:ся|ась)|застряло в горле'],
  ['stroke', 'Инсульт', 'CRITICAL', 'Medical', 'инсульт'],
  ['seizure', 'Судороги', 'CRITICAL', 'Medical', 'судорог[иа]|эпилептический (?:приступ|припадок)|припадок'],
  [
    'suicidal-intent',
    'Суицидальные мысли',
    'CRITICAL',
    'Safety',
    'покончить с собой|убить себя|не хочу жить|хочу умереть|суицид|причинить себе вред',
  ],
  [
    'intruder',
    'Взломщик',
    'HIGH',
    'Safety',
    'кто-то (?:залез|вломился|ворвался)|грабител[ьи]|чужой в (?:доме|квартире)',
  ],
  ['fell', 'Я упал', 'HIGH', 'Physical', 'я упала?|я свалил(?:ся|ась)'],
  ['cannot-get-up', 'Не могу встать', 'HIGH', 'Physical', 'не могу (?:встать|подняться)'],
  ['chest-pain', 'Боль в груди', 'HIGH', 'Medical', 'боль в груди|давит в груди|болит в груди|болит грудь'],
  [
    'call-ambulance',
    'Вызовите скорую',
    'MEDIUM',
    'Request',
    'вызов(?:ите|и) скорую|нужна скорая|позвони(?:те)? (?:в )?(?:112|103)',
  ],
  ['help-me', 'Помогите', 'MEDIUM', 'Request', 'помогите|помоги мне|спасите'],
]);

const ARABIC = seedRows([
  ['heart-attack', 'نوبة قلبية', 'CRITICAL', 'Medical', 'نوبة قلبية|جلطة قلبية|أزمة قلبية'],
  [
    'cannot-breathe',
    'لا أستطيع التنفس',
    'CRITICAL',
    'Medical',
    'لا (?:أستطيع|استطيع) التنفس|(?:ما|لا) (?:أقدر|اقدر) (?:أتنفس|اتنفس)',
  ],
  ['choking', 'اختناق', 'CRITICAL', 'Medical', 'أختنق|اختنق|عالق في (?:حلقي|زوري)'],
  ['stroke', 'سكتة دماغية', 'CRITICAL', 'Medical', 'سكتة دماغية|جلطة دماغية|جلطة في الدماغ'],
  ['seizure', 'نوبة صرع', 'CRITICAL', 'Medical', 'نوبة صرع|تشنجات?'],
  [
    'suicidal-intent',
    'أفكار انتحارية',
    'CRITICAL',
    'Safety',
    'انتحار|أنتحر|انتحر|(?:أقتل|اقتل) نفسي|أريد أن أموت|(?:أؤذي|أوذي|اوذي) نفسي',
  ],
  ['intruder', 'متسلل', 'HIGH', 'Safety', '(?:أحد|شخص) (?:دخل|اقتحم) (?:بيتي|منزلي)|لص في (?:البيت|المنزل)|متسلل'],
  ['fell', 'سقطت', 'HIGH', 'Physical', 'سقطت|وقعت على الأرض|طحت'],
  [
    'cannot-get-up',
    'لا أستطيع النهوض',
    'HIGH',
    'Physical',
    'لا (?:أستطيع|استطيع) (?:النهوض|القيام|الوقوف)|(?:ما|لا) (?:أقدر|اقدر) (?:أقوم|اقوم)',
  ],
  ['chest-pain', 'ألم في الصدر', 'HIGH', 'Medical', '(?:ألم|الم) في (?:الصدر|صدري)|ضيق في الصدر|صدري يؤلمني'],
  [
    'call-ambulance',
    'اطلبوا الإسعاف',
    'MEDIUM',
    'Request',
    'اطلبوا? (?:الإسعاف|الاسعاف)|اتصلوا? (?:بالإسعاف|بالاسعاف)|(?:أحتاج|احتاج) (?:سيارة )?(?:إسعاف|اسعاف)',
  ],
  ['help-me', 'ساعدني', 'MEDIUM', 'Request', 'ساعدني|ساعدوني|النجدة|(?:أنقذوني|انقذوني)'],
]);

export const OTHER_SCRIPT_SEEDS: Readonly<Record<string, readonly SeedPhrase[]>> = {
  zh: CHINESE,
  ja: JAPANESE,
  ru: RUSSIAN,
  ar: ARABIC,
};
