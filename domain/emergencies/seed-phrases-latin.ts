import { seedRows, type SeedPhrase } from './seed-phrases-en-es';

/**
 * Concept seeds in French, German, Portuguese and Italian (RESOLUTIONS.md 40: one phrase per concept of
 * DOMAIN.md §7.3.3). None is a bare word for "help" (`aide`, `Hilfe`, `ajuda`, `aiuto`) nor `Notruf` alone.
 */
const FRENCH = seedRows([
  ['heart-attack', 'Crise cardiaque', 'CRITICAL', 'Medical', 'crise cardiaque|infarctus|attaque cardiaque'],
  [
    'cannot-breathe',
    "Je n'arrive pas à respirer",
    'CRITICAL',
    'Medical',
    "(?:je n'arrive|je ne peux) (?:pas|plus) (?:à |a )?respirer|j'[ée]touffe",
  ],
  ['choking', "Je m'étouffe", 'CRITICAL', 'Medical', "je m'[ée]touffe|[ée]touffement|coinc[ée] dans (?:ma|la) gorge"],
  ['stroke', 'AVC', 'CRITICAL', 'Medical', 'avc|accident vasculaire c[ée]r[ée]bral|attaque c[ée]r[ée]brale'],
  ['seizure', 'Convulsions', 'CRITICAL', 'Medical', "crise d'[ée]pilepsie|crise convulsive|convulsions?"],
  [
    'suicidal-intent',
    'Idées suicidaires',
    'CRITICAL',
    'Safety',
    'me suicider|suicidaire|me tuer|mettre fin [àa] mes jours|je veux mourir|envie de mourir|me faire du mal',
  ],
  [
    'intruder',
    'Intrus',
    'HIGH',
    'Safety',
    "quelqu'un (?:est entr[ée]|s'est introduit) chez moi|il y a (?:quelqu'un|un inconnu) chez moi|un intrus|cambrioleur",
  ],
  ['fell', 'Je suis tombé', 'HIGH', 'Physical', "je suis tomb[ée]e?|j'ai fait une chute|je viens de tomber"],
  [
    'cannot-get-up',
    'Je ne peux pas me relever',
    'HIGH',
    'Physical',
    "(?:je ne peux|je n'arrive) (?:pas|plus) (?:à |a )?me (?:relever|lever)",
  ],
  [
    'chest-pain',
    'Douleur à la poitrine',
    'HIGH',
    'Medical',
    'douleur (?:[àa]|dans) la poitrine|douleur thoracique|mal [àa] la poitrine|oppression (?:[àa]|dans) la poitrine',
  ],
  [
    'call-ambulance',
    'Appelez une ambulance',
    'MEDIUM',
    'Request',
    "appel(?:ez|er|le) (?:une |l')ambulance|appelez le (?:15|112|samu)|besoin d'une ambulance|appelez les (?:secours|pompiers)",
  ],
  ['help-me', 'Aidez-moi', 'MEDIUM', 'Request', "aidez[- ]moi|aide[- ]moi|au secours|j'ai besoin d'aide"],
]);

const GERMAN = seedRows([
  ['heart-attack', 'Herzinfarkt', 'CRITICAL', 'Medical', 'herzinfarkt|herzanfall|herzattacke'],
  [
    'cannot-breathe',
    'Ich kann nicht atmen',
    'CRITICAL',
    'Medical',
    'ich kann nicht (?:mehr )?atmen|ich (?:bekomme|kriege) keine luft',
  ],
  ['choking', 'Ersticken', 'CRITICAL', 'Medical', 'ich ersticke|ich habe mich verschluckt|steckt (?:mir )?im hals'],
  ['stroke', 'Schlaganfall', 'CRITICAL', 'Medical', 'schlaganfall|hirnschlag|mein gesicht h[äa]ngt'],
  ['seizure', 'Krampfanfall', 'CRITICAL', 'Medical', 'krampfanfall|epileptischer anfall|ich habe einen anfall'],
  [
    'suicidal-intent',
    'Suizidgedanken',
    'CRITICAL',
    'Safety',
    'mich umbringen|selbstmord|suizid|mir das leben nehmen|ich will (?:nicht mehr leben|sterben)|mir (?:etwas|was) antun',
  ],
  [
    'intruder',
    'Einbrecher',
    'HIGH',
    'Safety',
    'einbrecher|jemand (?:ist|hat) (?:bei mir )?eingebrochen|(?:jemand|ein fremder) ist in (?:meiner wohnung|meinem haus)',
  ],
  ['fell', 'Ich bin gestürzt', 'HIGH', 'Physical', 'ich bin (?:hingefallen|gest[üu]rzt|gestuerzt|umgefallen|gefallen)'],
  [
    'cannot-get-up',
    'Ich komme nicht hoch',
    'HIGH',
    'Physical',
    'ich komme nicht (?:mehr )?(?:hoch|auf)|ich kann nicht (?:mehr )?aufstehen',
  ],
  [
    'chest-pain',
    'Brustschmerzen',
    'HIGH',
    'Medical',
    'brustschmerzen|schmerzen in der brust|druck auf der brust|engegef[üu]hl in der brust',
  ],
  [
    'call-ambulance',
    'Krankenwagen rufen',
    'MEDIUM',
    'Request',
    '(?:rufen sie|ruf|ruft) (?:einen |den )?(?:krankenwagen|rettungswagen|notarzt)|brauche einen (?:krankenwagen|notarzt)|notruf (?:rufen|w[äa]hlen|anrufen)|112 anrufen',
  ],
  ['help-me', 'Hilf mir', 'MEDIUM', 'Request', 'hilf mir|helfen sie mir|ich brauche hilfe|hilfe bitte'],
]);

const PORTUGUESE = seedRows([
  [
    'heart-attack',
    'Ataque cardíaco',
    'CRITICAL',
    'Medical',
    'ataque card[ií]aco|enfarte|infarto|ataque do cora[çc][ãa]o',
  ],
  [
    'cannot-breathe',
    'Não consigo respirar',
    'CRITICAL',
    'Medical',
    'n[ãa]o (?:consigo|estou conseguindo|posso) respirar|estou sufocando',
  ],
  ['choking', 'Engasgado', 'CRITICAL', 'Medical', 'estou engasgad[oa]|(?:me )?engasguei|estou engasgando'],
  ['stroke', 'AVC', 'CRITICAL', 'Medical', 'avc|derrame cerebral|acidente vascular cerebral'],
  ['seizure', 'Convulsão', 'CRITICAL', 'Medical', 'convuls[ãa]o|convuls[õo]es|ataque epil[ée]ptico|crise convulsiva'],
  [
    'suicidal-intent',
    'Pensamentos suicidas',
    'CRITICAL',
    'Safety',
    'me matar|suic[ií]dio|suicidar|tirar (?:a )?minha (?:pr[óo]pria )?vida|quero morrer|me machucar',
  ],
  [
    'intruder',
    'Intruso',
    'HIGH',
    'Safety',
    'algu[ée]m (?:entrou|invadiu) (?:na|em) minha casa|tem (?:algu[ée]m|um estranho) (?:na|em) minha casa|intrusos?',
  ],
  ['fell', 'Eu caí', 'HIGH', 'Physical', 'eu ca[ií]|ca[ií] no ch[ãa]o|levei um tombo|sofri uma queda'],
  [
    'cannot-get-up',
    'Não consigo levantar',
    'HIGH',
    'Physical',
    'n[ãa]o consigo (?:me )?levantar|n[ãa]o consigo ficar de p[ée]',
  ],
  ['chest-pain', 'Dor no peito', 'HIGH', 'Medical', 'dor no peito|dor tor[áa]cica|aperto no peito|press[ãa]o no peito'],
  [
    'call-ambulance',
    'Chamem uma ambulância',
    'MEDIUM',
    'Request',
    'cham(?:em|e|ar) (?:uma|a) ambul[âa]ncia|preciso de uma ambul[âa]ncia|liguem? para o (?:192|112|samu)',
  ],
  ['help-me', 'Me ajude', 'MEDIUM', 'Request', 'me ajud(?:e|a|em)|ajude-me|socorro|preciso de ajuda'],
]);

const ITALIAN = seedRows([
  ['heart-attack', 'Infarto', 'CRITICAL', 'Medical', 'infarto|attacco di cuore|attacco cardiaco'],
  [
    'cannot-breathe',
    'Non riesco a respirare',
    'CRITICAL',
    'Medical',
    "non riesco (?:pi[ùu] )?a respirare|non posso respirare|mi manca l'aria",
  ],
  ['choking', 'Soffocamento', 'CRITICAL', 'Medical', 'sto soffocando|soffocamento|andat[oa] di traverso'],
  ['stroke', 'Ictus', 'CRITICAL', 'Medical', 'ictus|colpo apoplettico|ischemia cerebrale'],
  ['seizure', 'Convulsioni', 'CRITICAL', 'Medical', 'convulsion[ei]|crisi epilettica|attacco epilettico'],
  [
    'suicidal-intent',
    'Pensieri suicidi',
    'CRITICAL',
    'Safety',
    'suicid(?:io|armi)|uccidermi|togliermi la vita|farla finita|voglio morire|farmi del male',
  ],
  [
    'intruder',
    'Intruso',
    'HIGH',
    'Safety',
    "(?:qualcuno|un estraneo) (?:[èe] entrato|si [èe] introdotto) in casa|c'[èe] (?:qualcuno|un estraneo) in casa|intrus[oi]|ladri in casa",
  ],
  ['fell', 'Sono caduto', 'HIGH', 'Physical', 'sono cadut[oa]|sono cascat[oa]|ho fatto una caduta'],
  [
    'cannot-get-up',
    'Non riesco ad alzarmi',
    'HIGH',
    'Physical',
    'non riesco (?:pi[ùu] )?(?:ad|a) (?:alzarmi|rialzarmi)|non posso alzarmi',
  ],
  [
    'chest-pain',
    'Dolore al petto',
    'HIGH',
    'Medical',
    'dolore al petto|dolore toracico|oppressione al petto|mi fa male il petto',
  ],
  [
    'call-ambulance',
    "Chiamate un'ambulanza",
    'MEDIUM',
    'Request',
    "chiam(?:ate|are|a) (?:un'|l')ambulanza|bisogno di un'ambulanza|chiamate il (?:118|112)",
  ],
  ['help-me', 'Aiutami', 'MEDIUM', 'Request', 'aiutami|aiutatemi|mi aiuti|ho bisogno di aiuto|qualcuno mi aiuti'],
]);

export const LATIN_SCRIPT_SEEDS: Readonly<Record<string, readonly SeedPhrase[]>> = {
  fr: FRENCH,
  de: GERMAN,
  pt: PORTUGUESE,
  it: ITALIAN,
};
