// The conflict's actors and places with their spellings: the one alias table, used at index and query time.
// Grown from the FA-KES corpus (e.g. "town of X" phrases) and the extraction notes, not from memory alone.
// Every alias of an entity is indexed and searched as the entity's `key`, so "Daesh", "ISIL" and "IS" find each other.

import { createRequire } from 'node:module'
import type { Country } from 'world-countries'
import type { PlaceLevel } from '../types.js'

/** Actor groups the answers are judged by; `other` for everyone else. */
export type ActorGroup =
  | 'regime'
  | 'russia'
  | 'coalition'
  | 'turkey'
  | 'israel'
  | 'is'
  | 'nusra'
  | 'kurds'
  | 'rebels'
  | 'iran'
  | 'hezbollah'
  | 'un'
  | 'monitor'
  | 'rescue'
  | 'other'

export interface EntityDef {
  /** The search term every alias is indexed as. Lower case letters only. */
  key: string
  /** Canonical display name. */
  name: string
  /** Set when the entity can act (answers /who). */
  group?: ActorGroup
  /** Set when the entity is a place (answers /where). */
  place?: PlaceLevel
  /** Surface forms, matched case-insensitively; spaces, hyphens and dots between words are equivalent. */
  aliases: string[]
  /** Surface forms matched only in exactly this case ("IS", "US", "WHO" are ordinary words in lower case). */
  exact?: string[]
  /** The words of a match are indexed too, beside the key: "United Arab Emirates" is about "Arab countries". */
  keepWords?: true
}

const actors: EntityDef[] = [
  {
    key: 'syriangov',
    name: 'Syrian government forces',
    group: 'regime',
    aliases: [
      'regime',
      'Syrian regime',
      'Assad regime',
      'al-Assad regime',
      'Assads regime',
      'regime forces',
      'regime troops',
      'regime warplanes',
      'regime jets',
      'regime aircraft',
      'regime helicopters',
      'government forces',
      'pro-government forces',
      'government troops',
      'Syrian government',
      'Syrian government forces',
      'Syrian army',
      'Syrian Arab Army',
      'Syrian forces',
      'Syrian troops',
      'Syrian soldiers',
      'Syrian military',
      'Syrian warplanes',
      'Syrian jets',
      'Syrian aircraft',
      'Syrian helicopters',
      'Syrian air force',
      'Syrian Arab Air Force',
      'Assad forces',
      'forces loyal to Assad',
      'loyalist forces',
      'pro-regime forces',
      'pro-Assad forces',
      'army units',
      'the army',
      'army',
      'Syrian Arab Army units',
      'regime militias',
      'National Defence Forces',
      'NDF',
    ],
    exact: ['SAA'],
  },
  {
    key: 'assad',
    name: 'Bashar al-Assad',
    group: 'regime',
    aliases: ['Bashar al-Assad', 'Bashar Assad', 'President Assad', 'al-Assad', 'Assad'],
  },
  {
    key: 'russia',
    name: 'Russia',
    group: 'russia',
    place: 'country',
    aliases: [
      'Russia',
      'Russian',
      'Russians',
      'Russian Federation',
      'Moscow',
      'Kremlin',
      'Russian forces',
      'Russian military',
      'Russian Defence Ministry',
      'Russian Defense Ministry',
      'Russian Aerospace Forces',
      'Russian air force',
      'Russian army',
    ],
  },
  { key: 'putin', name: 'Vladimir Putin', group: 'russia', aliases: ['Vladimir Putin', 'Putin'] },
  {
    key: 'coalition',
    name: 'US-led coalition',
    group: 'coalition',
    aliases: [
      'US-led coalition',
      'U.S.-led coalition',
      'US-led international coalition',
      'international coalition',
      'coalition',
      'coalition forces',
      'anti-ISIS coalition',
      'anti-IS coalition',
      'anti-ISIL coalition',
      'anti-Daesh coalition',
      'global coalition',
      'American-led coalition',
      'Washington-led coalition',
      'US-led alliance',
      'US-led',
      'U.S.-led',
      'American-led',
      'Washington-led',
    ],
  },
  {
    key: 'usa',
    name: 'United States',
    group: 'coalition',
    place: 'country',
    aliases: [
      'United States',
      'U.S.',
      'USA',
      'U.S.A.',
      'America',
      'American',
      'Americans',
      'Washington',
      'Pentagon',
      'US military',
      'U.S. military',
      'US Central Command',
      'CENTCOM',
      'US forces',
      'U.S. forces',
      'US troops',
      'US warplanes',
      'US jets',
      'US Air Force',
      'US army',
      'U.S. army',
    ],
    exact: ['US'],
  },
  { key: 'trump', name: 'Donald Trump', group: 'coalition', aliases: ['Donald Trump', 'Trump'] },
  { key: 'obama', name: 'Barack Obama', group: 'coalition', aliases: ['Barack Obama', 'Obama'] },
  {
    key: 'turkey',
    name: 'Turkey',
    group: 'turkey',
    place: 'country',
    aliases: [
      'Turkey',
      'Turkish',
      'Turks',
      'Ankara',
      'Turkish army',
      'Turkish Armed Forces',
      'Turkish forces',
      'Turkish military',
      'TSK',
      'Euphrates Shield',
      'Operation Euphrates Shield',
      'Olive Branch',
      'Operation Olive Branch',
    ],
  },
  {
    key: 'erdogan',
    name: 'Recep Tayyip Erdogan',
    group: 'turkey',
    aliases: ['Recep Tayyip Erdogan', 'Tayyip Erdogan', 'Erdogan'],
  },
  {
    key: 'israel',
    name: 'Israel',
    group: 'israel',
    place: 'country',
    aliases: [
      'Israel',
      'Israeli',
      'Israelis',
      'Israeli army',
      'Israeli military',
      'IDF',
      'Israel Defense Forces',
      'Tel Aviv',
      'Zionist entity',
    ],
  },
  {
    key: 'islamicstate',
    name: 'Islamic State',
    group: 'is',
    aliases: [
      'Islamic State',
      'so-called Islamic State',
      'Islamic State group',
      'Islamic State of Iraq and the Levant',
      'Islamic State of Iraq and Syria',
      'Islamic State of Iraq and al-Sham',
      'ISIS',
      'ISIL',
      'Daesh',
      'Daash',
      'Daish',
      'Da’esh',
      "Da'esh",
      'IS group',
      'IS militants',
      'IS fighters',
      'IS jihadists',
      'ISIS militants',
      'ISIS terrorists',
      'ISIL terrorists',
    ],
    exact: ['IS'],
  },
  {
    key: 'nusra',
    name: 'Nusra Front (Fateh al-Sham, HTS)',
    group: 'nusra',
    aliases: [
      'Nusra Front',
      'al-Nusra Front',
      'Al Nusra Front',
      'Jabhat al-Nusra',
      'Jabhat Al Nusra',
      'al-Nusra',
      'Nusra',
      'Jabhat Fateh al-Sham',
      'Fateh al-Sham',
      'Fatah al-Sham',
      'Jabhat Fatah al-Sham',
      'Hayat Tahrir al-Sham',
      'Hayat Tahrir al Sham',
      'Tahrir al-Sham',
      'Hay’at Tahrir al-Sham',
      "Hay'at Tahrir al-Sham",
      'HTS',
      'JFS',
    ],
  },
  { key: 'sdf', name: 'Syrian Democratic Forces', group: 'kurds', aliases: ['Syrian Democratic Forces', 'SDF', 'QSD'] },
  {
    key: 'ypg',
    name: "YPG (Kurdish People's Protection Units)",
    group: 'kurds',
    aliases: [
      'YPG',
      'Peoples Protection Units',
      "People's Protection Units",
      'Kurdish Peoples Protection Units',
      'PYD',
      'YPJ',
    ],
  },
  { key: 'pkk', name: 'PKK', group: 'kurds', aliases: ['PKK', 'Kurdistan Workers Party', "Kurdistan Workers' Party"] },
  {
    key: 'kurdish',
    name: 'Kurdish forces',
    group: 'kurds',
    aliases: [
      'Kurdish forces',
      'Kurdish fighters',
      'Kurdish militia',
      'Kurdish militias',
      'Kurdish militants',
      'Kurds',
      'Kurdish',
      'Peshmerga',
    ],
  },
  {
    key: 'usbacked',
    name: 'US-backed forces',
    group: 'other',
    aliases: [
      'US-backed forces',
      'U.S.-backed forces',
      'US-backed Syrian forces',
      'U.S.-backed fighters',
      'US-backed fighters',
      'US-backed militias',
    ],
  },
  { key: 'fsa', name: 'Free Syrian Army', group: 'rebels', aliases: ['Free Syrian Army', 'FSA'] },
  {
    key: 'rebels',
    name: 'rebels',
    group: 'rebels',
    aliases: [
      'rebels',
      'rebel',
      'rebel forces',
      'rebel fighters',
      'rebel groups',
      'opposition fighters',
      'opposition forces',
      'armed opposition',
      'opposition groups',
      'insurgents',
      'armed groups',
      'militants',
      'jihadists',
      'Islamist rebels',
    ],
  },
  {
    key: 'terrorists',
    name: 'terrorist groups',
    group: 'other',
    aliases: [
      'terrorists',
      'terrorist',
      'terrorist groups',
      'terrorist organizations',
      'terrorist organisations',
      'armed terrorist groups',
      'takfiri terrorists',
      'takfiri groups',
    ],
  },
  {
    key: 'jaishalislam',
    name: 'Jaish al-Islam',
    group: 'rebels',
    aliases: ['Jaish al-Islam', 'Jaysh al-Islam', 'Jeish al-Islam', 'Army of Islam'],
  },
  {
    key: 'faylaqalrahman',
    name: 'Faylaq al-Rahman',
    group: 'rebels',
    aliases: ['Faylaq al-Rahman', 'Failaq al-Rahman', 'Faylaq al-Rahmane', 'Rahman Legion', 'al-Rahman Legion'],
  },
  { key: 'islamicfront', name: 'Islamic Front', group: 'rebels', aliases: ['Islamic Front'] },
  { key: 'jundalaqsa', name: 'Jund al-Aqsa', group: 'rebels', aliases: ['Jund al-Aqsa', 'Jund al-Aqsah'] },
  {
    key: 'zenki',
    name: 'Nour al-Din al-Zenki',
    group: 'rebels',
    aliases: ['Nour al-Din al-Zenki', 'Nur al-Din al-Zenki', 'Nureddin al-Zenki', 'Zenki Movement'],
  },
  {
    key: 'ahraralsham',
    name: 'Ahrar al-Sham',
    group: 'rebels',
    aliases: ['Ahrar al-Sham', 'Ahrar al Sham', 'Ahrar al-Cham'],
  },
  {
    key: 'jaishalfatah',
    name: 'Jaish al-Fatah',
    group: 'rebels',
    aliases: ['Jaish al-Fatah', 'Jeish al-Fatah', 'Jaysh al-Fatah', 'Army of Conquest'],
  },
  {
    key: 'hezbollah',
    name: 'Hezbollah',
    group: 'hezbollah',
    aliases: ['Hezbollah', 'Hizballah', 'Hizbullah', 'Hizbollah', 'Lebanese Hezbollah'],
  },
  {
    key: 'iran',
    name: 'Iran',
    group: 'iran',
    place: 'country',
    aliases: [
      'Iran',
      'Iranian',
      'Iranians',
      'Tehran',
      'IRGC',
      'Revolutionary Guards',
      'Islamic Revolutionary Guard Corps',
    ],
  },
  {
    key: 'iraqiforces',
    name: 'Iraqi forces',
    group: 'other',
    aliases: ['Iraqi forces', 'Iraqi army', 'Iraqi troops', 'Popular Mobilization Units', 'Hashed al-Shaabi'],
  },
  {
    key: 'sohr',
    name: 'Syrian Observatory for Human Rights',
    group: 'monitor',
    aliases: [
      'Syrian Observatory for Human Rights',
      'Syrian Observatory',
      'the Observatory',
      'Observatory',
      'SOHR',
      'British-based Observatory',
      'Britain-based Observatory',
    ],
  },
  {
    key: 'snhr',
    name: 'Syrian Network for Human Rights',
    group: 'monitor',
    aliases: ['Syrian Network for Human Rights', 'SNHR'],
  },
  {
    key: 'whitehelmets',
    name: 'White Helmets (Syrian Civil Defence)',
    group: 'rescue',
    aliases: ['White Helmets', 'Syrian Civil Defence', 'Syrian Civil Defense', 'Civil Defence', 'Civil Defense'],
  },
  {
    key: 'un',
    name: 'United Nations',
    group: 'un',
    aliases: [
      'United Nations',
      'U.N.',
      'UN Security Council',
      'U.N. Security Council',
      'Security Council',
      'OCHA',
      'UN human rights office',
    ],
    exact: ['UN'],
  },
  { key: 'unicef', name: 'UNICEF', group: 'un', aliases: ['UNICEF'] },
  { key: 'unhcr', name: 'UNHCR', group: 'un', aliases: ['UNHCR', 'UN refugee agency', 'U.N. refugee agency'] },
  {
    key: 'who',
    name: 'World Health Organization',
    group: 'un',
    aliases: ['World Health Organization', 'World Health Organisation'],
    exact: ['WHO'],
  },
  {
    key: 'opcw',
    name: 'OPCW',
    group: 'un',
    aliases: [
      'OPCW',
      'Organisation for the Prohibition of Chemical Weapons',
      'Organization for the Prohibition of Chemical Weapons',
    ],
  },
  { key: 'demistura', name: 'Staffan de Mistura', group: 'un', aliases: ['Staffan de Mistura', 'de Mistura'] },
  {
    key: 'syriancoalition',
    name: 'Syrian National Coalition',
    group: 'rebels',
    aliases: ['Syrian Coalition', 'Syrian National Coalition', 'National Coalition', 'Etilaf'],
  },
  {
    key: 'msf',
    name: 'Doctors Without Borders (MSF)',
    group: 'rescue',
    aliases: ['Doctors Without Borders', 'Medecins Sans Frontieres', 'Médecins Sans Frontières', 'MSF'],
  },
  {
    key: 'icrc',
    name: 'International Committee of the Red Cross',
    group: 'rescue',
    aliases: ['International Committee of the Red Cross', 'ICRC', 'Red Cross'],
  },
  {
    key: 'sarc',
    name: 'Syrian Arab Red Crescent',
    group: 'rescue',
    aliases: ['Syrian Arab Red Crescent', 'SARC', 'Red Crescent'],
  },
  { key: 'amnesty', name: 'Amnesty International', group: 'monitor', aliases: ['Amnesty International', 'Amnesty'] },
  { key: 'hrw', name: 'Human Rights Watch', group: 'monitor', aliases: ['Human Rights Watch', 'HRW'] },
  { key: 'eu', name: 'European Union', group: 'other', aliases: ['European Union', 'Brussels'], exact: ['EU'] },
  { key: 'nato', name: 'NATO', group: 'other', aliases: ['NATO', 'North Atlantic Treaty Organization'] },
  { key: 'arableague', name: 'Arab League', group: 'other', aliases: ['Arab League', 'League of Arab States'] },
  {
    key: 'saudi',
    name: 'Saudi Arabia',
    group: 'other',
    place: 'country',
    aliases: ['Saudi Arabia', 'Saudi', 'Saudis', 'Riyadh'],
  },
]

/** Places in and around Syria. Level orders answers from the most specific place. */
const places: EntityDef[] = [
  { key: 'syria', name: 'Syria', place: 'country', aliases: ['Syria', 'Syrian Arab Republic'] },
  { key: 'iraq', name: 'Iraq', place: 'country', aliases: ['Iraq', 'Iraqi'] },
  { key: 'lebanon', name: 'Lebanon', place: 'country', aliases: ['Lebanon', 'Lebanese', 'Lebanese army'] },
  { key: 'jordan', name: 'Jordan', place: 'country', aliases: ['Jordan', 'Jordanian', 'Jordanian army'] },
  { key: 'golan', name: 'Golan Heights', place: 'governorate', aliases: ['Golan Heights', 'Golan', 'occupied Golan'] },
  {
    key: 'aleppo',
    name: 'Aleppo',
    place: 'governorate',
    aliases: ['Aleppo', 'Halab', 'east Aleppo', 'eastern Aleppo', 'west Aleppo', 'western Aleppo'],
  },
  { key: 'idlib', name: 'Idlib', place: 'governorate', aliases: ['Idlib', 'Idleb', 'Edlib'] },
  { key: 'hama', name: 'Hama', place: 'governorate', aliases: ['Hama', 'Hamah'] },
  { key: 'homs', name: 'Homs', place: 'governorate', aliases: ['Homs', 'Hims'] },
  { key: 'latakia', name: 'Latakia', place: 'governorate', aliases: ['Latakia', 'Lattakia', 'Lattaquie', 'Latakiya'] },
  { key: 'tartus', name: 'Tartus', place: 'governorate', aliases: ['Tartus', 'Tartous'] },
  { key: 'damascus', name: 'Damascus', place: 'governorate', aliases: ['Damascus', 'Old Damascus'] },
  {
    key: 'rifdimashq',
    name: 'Damascus countryside (Rif Dimashq)',
    place: 'governorate',
    aliases: [
      'Rif Dimashq',
      'Rif Damascus',
      'Damascus countryside',
      'Rural Damascus',
      'Damascus Countryside',
      'Damascus suburbs',
      'outskirts of Damascus',
    ],
  },
  { key: 'daraa', name: 'Daraa', place: 'governorate', aliases: ['Daraa', 'Deraa', 'Dara’a', "Dara'a"] },
  {
    key: 'suwayda',
    name: 'Suwayda',
    place: 'governorate',
    aliases: ['Suwayda', 'Sweida', 'As-Suwayda', 'Sweidaa', 'Suweida'],
  },
  { key: 'quneitra', name: 'Quneitra', place: 'governorate', aliases: ['Quneitra', 'Qunaitra', 'Kuneitra'] },
  {
    key: 'raqqa',
    name: 'Raqqa',
    place: 'governorate',
    aliases: ['Raqqa', 'Raqa', 'Raqqah', 'Rakka', 'al-Raqqa', 'Ar-Raqqa'],
  },
  {
    key: 'deirezzor',
    name: 'Deir ez-Zor',
    place: 'governorate',
    aliases: [
      'Deir ez-Zor',
      'Deir Ezzor',
      'Deir Ez-Zor',
      'Deir ez Zor',
      'Deir al-Zour',
      'Deir el-Zour',
      'Deir al-Zor',
      'Deir el-Zor',
      'Deir Azzor',
      'Deir Az-Zour',
      'Deir Az-Zor',
      'Deir Ez Zor',
      'Dayr az-Zawr',
      'Deir Zor',
      'Deir Alzour',
      'Deirezzor',
    ],
  },
  {
    key: 'hasakeh',
    name: 'Hasakeh',
    place: 'governorate',
    aliases: [
      'Hasakeh',
      'Hasaka',
      'Hassakeh',
      'Hasakah',
      'Al-Hasakah',
      'Hassake',
      'Hasake',
      'Hassakah',
      'Hassaka',
      'al-Hasaka',
    ],
  },
  // Towns, districts and sites.
  ...towns([
    ['douma', 'Douma', ['Douma', 'Duma']],
    ['ghouta', 'Eastern Ghouta', ['Eastern Ghouta', 'East Ghouta', 'Ghouta', 'eastern Ghouta']],
    ['harasta', 'Harasta', ['Harasta']],
    ['jobar', 'Jobar', ['Jobar']],
    ['daraya', 'Daraya', ['Daraya', 'Darayya']],
    ['madaya', 'Madaya', ['Madaya']],
    ['zabadani', 'Zabadani', ['Zabadani']],
    ['moadamiyeh', 'Moadamiyeh', ['Moadamiyeh', 'Moadamiya', 'Muadamiyat al-Sham']],
    ['qudsaya', 'Qudsaya', ['Qudsaya']],
    ['wadibarada', 'Wadi Barada', ['Wadi Barada']],
    ['yarmouk', 'Yarmouk', ['Yarmouk', 'Yarmuk']],
    ['sayedazeinab', 'Sayeda Zeinab', ['Sayeda Zeinab', 'Sayyida Zeinab', 'Sayyida Zaynab', 'Sayeda Zainab']],
    ['jaramana', 'Jaramana', ['Jaramana']],
    ['adra', 'Adra', ['Adra']],
    ['qaboun', 'Qaboun', ['Qaboun', 'Qabun']],
    ['barzeh', 'Barzeh', ['Barzeh', 'Barza']],
    ['manbij', 'Manbij', ['Manbij', 'Menbij']],
    ['jarabulus', 'Jarabulus', ['Jarabulus', 'Jarablus', 'Jerablus']],
    ['albab', 'al-Bab', ['al-Bab', 'Al Bab', 'Al-Bab']],
    ['azaz', 'Azaz', ['Azaz', 'Aazaz', 'A’zaz', "A'zaz"]],
    ['afrin', 'Afrin', ['Afrin', 'Efrin']],
    ['kobani', 'Kobani', ['Kobani', 'Kobane', 'Ayn al-Arab', 'Ain al-Arab']],
    ['talabyad', 'Tal Abyad', ['Tal Abyad', 'Tell Abyad', 'Tel Abyad']],
    ['rasalain', 'Ras al-Ain', ['Ras al-Ain', 'Ras al-Ayn', 'Ras Al-Ayn', 'Ras al Ain']],
    ['qamishli', 'Qamishli', ['Qamishli', 'Qamishly', 'Kamishli', 'Qamishlo']],
    ['shadadi', 'Shadadi', ['Shadadi', 'Shaddadi', 'Shaddadeh', 'al-Shaddadi']],
    ['tabqa', 'Tabqa', ['Tabqa', 'Tabqah', 'Al Tabqah', 'al-Tabqa']],
    ['palmyra', 'Palmyra', ['Palmyra', 'Tadmur', 'Tadmor']],
    ['khansheikhoun', 'Khan Sheikhoun', ['Khan Sheikhoun', 'Khan Sheikhun', 'Khan Shaykhun', 'Khan Shaikhoun']],
    ['ariha', 'Ariha', ['Ariha']],
    ['saraqib', 'Saraqib', ['Saraqib', 'Saraqeb']],
    [
      'maaratalnuman',
      'Maarat al-Numan',
      [
        'Maarat al-Numan',
        'Maaret al-Numan',
        'Maarat al-Nouman',
        'Maaret Alnouman',
        'Maarrat al-Numan',
        'Maaret al-Noman',
        'Maarat al-Nuaman',
      ],
    ],
    [
      'jisralshughour',
      'Jisr al-Shughour',
      ['Jisr al-Shughour', 'Jisr al-Shaghour', 'Jisr al-Shughur', 'Jisr Al-Shughour'],
    ],
    ['atareb', 'Atareb', ['Atareb', 'al-Atareb', 'Al-Atarib']],
    ['khantuman', 'Khan Tuman', ['Khan Tuman', 'Khan Touman', 'Khan Toman']],
    ['foua', 'al-Foua', ['al-Foua', 'Foua', 'Fuaa', 'al-Fouaa', 'Fua', 'Al-Fuaa']],
    ['kefraya', 'Kefraya', ['Kefraya', 'Kafraya']],
    ['nubl', 'Nubl', ['Nubl', 'Nubbul', 'Nubul']],
    ['rastan', 'Rastan', ['Rastan', 'al-Rastan']],
    ['talbiseh', 'Talbiseh', ['Talbiseh', 'Talbisseh', 'Talbisa']],
    ['qusayr', 'Qusayr', ['Qusayr', 'Qusair', 'al-Qusayr']],
    ['waer', 'al-Waer', ['al-Waer', 'Waer', 'Alwaer', 'Al-Waer']],
    ['qardaha', 'Qardaha', ['Qardaha']],
    ['jableh', 'Jableh', ['Jableh', 'Jabla']],
    ['kasab', 'Kasab', ['Kasab', 'Kessab']],
    ['mayadin', 'Mayadin', ['Mayadin', 'Mayadeen', 'Al Mayadin', 'al-Mayadin', 'al-Mayadeen']],
    ['albukamal', 'Albu Kamal', ['Albu Kamal', 'Abu Kamal', 'Al Bukamal', 'Boukamal', 'Albukamal', 'Al-Bukamal']],
    ['hader', 'Hader', ['Hader', 'Hadar']],
    ['tokhar', 'Tokhar', ['Tokhar', 'Al-Tukhar', 'Tukhar']],
    ['talrifaat', 'Tal Rifaat', ['Tal Rifaat', 'Tell Rifaat', 'Tal Refaat']],
    ['sheikhmaqsoud', 'Sheikh Maqsoud', ['Sheikh Maqsoud', 'Sheikh Maksoud']],
    ['hamdaniyeh', 'al-Hamdaniyeh', ['Hamdaniyeh', 'al-Hamdaniyeh', 'al-Hamadaniyeh', 'Hamadaniyeh', 'Hamdaniya']],
    ['kafrhamra', 'Kafr Hamra', ['Kafr Hamra']],
    ['rityan', 'Rityan', ['Rityan', 'Ratyan']],
    ['handarat', 'Handarat', ['Handarat']],
    ['castello', 'Castello Road', ['Castello Road', 'Castello']],
    ['ramouseh', 'Ramouseh', ['Ramouseh', 'Ramussa', 'Ramosa', 'Ramousa']],
    ['hmeimim', 'Hmeimim', ['Hmeimim', 'Hmeymim', 'Khmeimim']],
    ['shayrat', 'Shayrat', ['Shayrat', 'Shairat', 'al-Shayrat']],
    ['kuweires', 'Kuweires', ['Kuweires', 'Kweiris']],
    ['sukhna', 'Sukhna', ['Sukhna', 'al-Sukhna']],
    ['qaryatayn', 'al-Qaryatayn', ['Qaryatayn', 'al-Qaryatain', 'Qaryatain']],
    ['salamiyah', 'Salamiyah', ['Salamiyah', 'Salamiyeh', 'Salamieh']],
    ['latamneh', 'al-Latamneh', ['Latamneh', 'al-Latamineh', 'Latamina', 'al-Lataminah']],
    ['morek', 'Morek', ['Morek', 'Mork']],
    ['khanalassal', 'Khan al-Assal', ['Khan al-Assal', 'Khan al-Asal']],
    ['aineissa', 'Ain Issa', ['Ain Issa', 'Ayn Issa']],
    ['teltamr', 'Tel Tamr', ['Tel Tamr', 'Tal Tamr', 'Tell Tamer']],
    ['hamidiyeh', 'Hamidiyeh', ['Hamidiyeh']],
    ['menagh', 'Menagh', ['Menagh', 'Minnigh']],
    ['dabiq', 'Dabiq', ['Dabiq']],
    ['marea', 'Marea', ['Marea', "Mare'"]],
    ['sarmin', 'Sarmin', ['Sarmin']],
    ['salqin', 'Salqin', ['Salqin']],
    ['harem', 'Harem', ['Harem', 'Harim']],
    ['aleppoairport', 'Aleppo airport', ['Aleppo airport', 'Aleppo International Airport']],
    ['kilis', 'Kilis', ['Kilis']],
    ['gaziantep', 'Gaziantep', ['Gaziantep']],
    ['reyhanli', 'Reyhanli', ['Reyhanli']],
    ['nusaybin', 'Nusaybin', ['Nusaybin']],
    ['akcakale', 'Akcakale', ['Akcakale']],
    ['mosul', 'Mosul', ['Mosul']],
    ['beirut', 'Beirut', ['Beirut']],
    ['amman', 'Amman', ['Amman']],
    ['geneva', 'Geneva', ['Geneva']],
    ['astana', 'Astana', ['Astana']],
  ]),
]

function towns(rows: Array<[string, string, string[]]>): EntityDef[] {
  return rows.map(([key, name, aliases]) => ({ key, name, place: 'town' as const, aliases }))
}

/** Spellings of states that the world-countries data lacks. */
const STATE_SPELLINGS: Record<string, string[]> = { GBR: ['Britain', 'Britons', 'Whitehall'], FRA: ['Elysee'] }
/** Capitals that news text uses for something else than their state's government (people, other places). */
const NOT_METONYMS = new Set(['Victoria', 'Kingston', 'Georgetown', 'Hamilton', 'Santiago', 'Stanley', 'Douglas'])

/**
 * Every other state, from the world-countries package (the table above keeps the conflict's own states, with their
 * armies and leaders): its name, official name and other Latin spellings, demonyms ("French", "Qataris") and capital
 * as a metonym ("Paris said", "Beijing vetoed"). Matched in their own case only: "Chad", "Male", "Nice" in lower case
 * are words.
 */
function otherStates(known: readonly EntityDef[]): EntityDef[] {
  const taken = new Set(known.flatMap((e) => [e.name, ...e.aliases, ...(e.exact ?? [])].map((a) => a.toLowerCase())))
  const latin = (a: string) => /^[A-Za-z][A-Za-z .'-]*[A-Za-z.]$/.test(a)
  const out: EntityDef[] = []
  // The data file itself: the package's ES entry imports JSON without an import attribute, which Node refuses.
  const countries = createRequire(import.meta.url)('world-countries/countries.json') as readonly Country[]
  for (const c of countries) {
    if (!c.independent) continue
    const demonyms = [c.demonyms?.eng?.m, c.demonyms?.eng?.f].filter((d): d is string => !!d)
    const names = [c.name.common, c.name.official, ...c.altSpellings, ...demonyms]
    // States of the table above (Syria, Russia, Turkey…) are there with their forces.
    if (names.some((n) => taken.has(n.toLowerCase()))) continue
    const forms = new Set<string>()
    for (const n of [c.name.common, c.name.official, ...c.altSpellings])
      if (latin(n) && (n.length >= 3 || n === 'UK') && n.split(' ').length <= 5 && !n.includes(',')) forms.add(n)
    for (const d of demonyms)
      if (latin(d)) {
        forms.add(d)
        if (/[nit]$/.test(d)) forms.add(`${d}s`)
      }
    for (const capital of c.capital ?? [])
      if (latin(capital) && capital.length >= 4 && !NOT_METONYMS.has(capital) && !taken.has(capital.toLowerCase()))
        forms.add(capital)
    for (const extra of STATE_SPELLINGS[c.cca3] ?? []) forms.add(extra)
    out.push({
      key: `state${c.cca3.toLowerCase()}`,
      name: c.name.common,
      group: 'other',
      aliases: [],
      exact: [...forms],
      keepWords: true,
    })
  }
  return out
}

export const ENTITIES: readonly EntityDef[] = [...actors, ...places, ...otherStates([...actors, ...places])]

/** Groups of the table that report on the war (monitors, rescuers, the UN) rather than take part in it. */
export const REPORTER_GROUPS: ReadonlySet<string> = new Set(['monitor', 'rescue', 'un'])

/**
 * Groups that fight on one side: outlets disagree whose warplanes struck ("Syrian warplanes or those of Damascus's ally
 * Russia"), so reports naming either are not contradicting each other.
 */
export const ALLIED_GROUPS: Readonly<Record<string, string>> = {
  regime: 'government and allies',
  russia: 'government and allies',
  iran: 'government and allies',
  hezbollah: 'government and allies',
}

/** The side a group fights on: the government's allies are its side; any other group is its own. */
export function sideOf(group: string): string {
  return ALLIED_GROUPS[group] ?? group
}

/**
 * Groups of the states at war in Syria (and Hezbollah): an air strike by one is never another's. A question naming
 * one ("when did the US start airstrikes") is not answered by a sentence where only another acts.
 */
export const STATE_GROUPS: ReadonlySet<string> = new Set([
  'regime',
  'russia',
  'iran',
  'hezbollah',
  'coalition',
  'turkey',
  'israel',
])

/**
 * Actors that name no one in particular ("terrorists" in one outlet is "Jaish al-Islam" in another): a sentence that
 * names the group itself says more.
 */
export const GENERIC_ACTORS: ReadonlySet<string> = new Set(['rebels', 'terrorist groups'])

/**
 * Descriptions of a force, and the named forces they may stand for, in order: an article that says "US-backed Syrian
 * forces" and names the Syrian Democratic Forces elsewhere means them.
 */
export const DESCRIBED_AS: Readonly<Record<string, readonly string[]>> = {
  'US-backed forces': ['Syrian Democratic Forces', 'Free Syrian Army'],
}

// The conflict's vocabulary: words and phrases people and reporters use for the same thing ("died", "killed",
// "lost their lives"). Like an entity's aliases, every form of a group is indexed and searched as the group's one
// `key`, in questions and passages alike, so "how many died" finds "killed 12" and "air raids" finds "airstrikes".
// Keys are the stem of the group's most common word, so a group's term reads like any other term.

export interface ConceptDef {
  /** The search term every form is indexed as. Lower case letters only. */
  key: string
  /** What the group means, for people reading the table. */
  name: string
  /** Word forms (folded, no apostrophes) and phrases (words separated by spaces; hyphens between them also match). */
  forms: string[]
}

export const VOCABULARY: readonly ConceptDef[] = [
  {
    // "who shot the ambassador" finds "he was gunned down" and "the gunman was …".
    key: 'shoot',
    name: 'shooting',
    forms: [
      'shoot',
      'shoots',
      'shooting',
      'shootings',
      'shot',
      'shots',
      'shooter',
      'shooters',
      'gunned down',
      'gunman',
      'gunmen',
    ],
  },
  {
    key: 'kill',
    name: 'death',
    forms: [
      'kill',
      'kills',
      'killed',
      'killing',
      'killings',
      'dead',
      'die',
      'died',
      'dies',
      'dying',
      'death',
      'deaths',
      'death toll',
      'death tolls',
      'perish',
      'perished',
      'perishing',
      'martyr',
      'martyrs',
      'martyred',
      'martyrdom',
      'slain',
      'fatalities',
      'fatality',
      'lost their lives',
      'lost his life',
      'lost her life',
      'lose their lives',
      'losing their lives',
      'lost their life',
    ],
  },
  {
    key: 'wound',
    name: 'injury',
    forms: [
      'wound',
      'wounds',
      'wounded',
      'wounding',
      'injure',
      'injures',
      'injured',
      'injuring',
      'injury',
      'injuries',
      'hurt',
      'hurting',
    ],
  },
  {
    key: 'airstrik',
    name: 'air strike',
    forms: [
      'airstrike',
      'airstrikes',
      'air strike',
      'air strikes',
      'air raid',
      'air raids',
      'airraid',
      'airraids',
      'bombing raid',
      'bombing raids',
      'air attack',
      'air attacks',
      'aerial bombardment',
      'aerial bombing',
      'aerial attack',
      'aerial attacks',
      'warplane',
      'warplanes',
      'war plane',
      'war planes',
      'fighter jet',
      'fighter jets',
      'jet',
      'jets',
    ],
  },
  {
    key: 'chemic',
    name: 'chemical weapons',
    forms: [
      'chemical',
      'chemicals',
      'gas',
      'gases',
      'gassed',
      'sarin',
      'chlorine',
      'toxic',
      'nerve agent',
      'nerve gas',
    ],
  },
  {
    key: 'explos',
    name: 'explosion',
    forms: [
      'blast',
      'blasts',
      'explosion',
      'explosions',
      'explode',
      'explodes',
      'exploded',
      'exploding',
      'explosive',
      'explosives',
      'bomb',
      'bombs',
      'bombing',
      'bombings',
    ],
  },
  {
    key: 'shell',
    name: 'shelling',
    forms: [
      'shell',
      'shells',
      'shelled',
      'shelling',
      'shellings',
      'shellfire',
      'artillery',
      'mortar',
      'mortars',
      'rocket',
      'rockets',
      'barrage',
      'barrages',
    ],
  },
  { key: 'children', name: 'children', forms: ['child', 'children', 'kid', 'kids'] },
  {
    // "when did the truce start" finds "the truce came into force on September 12" and "took effect on Monday".
    key: 'start',
    name: 'beginning, taking effect',
    forms: [
      'start',
      'starts',
      'started',
      'begin',
      'begins',
      'began',
      'begun',
      'take effect',
      'takes effect',
      'took effect',
      'taken effect',
      'come into effect',
      'comes into effect',
      'came into effect',
      'come into force',
      'comes into force',
      'came into force',
      'go into effect',
      'goes into effect',
      'went into effect',
    ],
  },
  {
    // "the strikes on the airbase" finds "the strikes on the air base" and "the airfield".
    key: 'airbas',
    name: 'military airfield',
    forms: ['airbase', 'airbases', 'air base', 'air bases', 'airfield', 'airfields', 'air field', 'air fields'],
  },
  {
    key: 'breach',
    name: 'breaking through a line or a wall',
    forms: [
      'breach',
      'breached',
      'breaches',
      'breaching',
      'break through',
      'breaks through',
      'broke through',
      'broken through',
      'breaking through',
      'breakthrough',
    ],
  },
]
