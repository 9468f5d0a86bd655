import type { NetworkGoalSeed, NetworkSeed } from '../types';

/**
 * Network page and goals. German: as published by the German Commission for UNESCO
 * ("Kultur- und Kreativsektor stärken"); English: UNESCO's mission-statement wording where it
 * exists, otherwise a faithful translation. Source: `network.md` of the project brief.
 */
export const NETWORK: NetworkSeed = {
  title: {
    de: 'Kultur- und Kreativsektor stärken',
    en: 'Strengthening the cultural and creative sector',
  },
  intro: {
    de: [
      'Durch ihre Aufnahme in das Netzwerk der UNESCO Creative Cities verpflichten sich die Städte dazu, den Kultur- und Kreativsektor zum wesentlichen Bestandteil von Stadtentwicklung zu machen und ihn in alle lokalen Entwicklungspläne und Strategien durchgängig zu integrieren. Auf diese Weise trägt das UNESCO-Programm der Creative Cities zur Umsetzung der Agenda 2030 und der New Urban Agenda der Vereinten Nationen bei.',
      'Das Programm „Creative Cities“ vernetzt weltweit Städte zum Austausch im Bereich zeitgenössischer Kunst und Kultur sowie der Kulturwirtschaft.',
    ],
    en: [
      "By joining the UNESCO Creative Cities Network, cities commit to making the cultural and creative sector an essential part of urban development and to integrating it throughout all local development plans and strategies. In this way the UNESCO Creative Cities programme contributes to the implementation of the United Nations' 2030 Agenda and New Urban Agenda.",
      'The Creative Cities programme connects cities worldwide for exchange in contemporary art and culture and the cultural economy.',
    ],
  },
  fundingNote: {
    de: 'Eine Finanzierung des Netzwerks durch die UNESCO findet nicht statt.',
    en: 'UNESCO does not fund the network.',
  },
  links: [
    {
      label: {
        de: 'Agenda 2030 für nachhaltige Entwicklung',
        en: '2030 Agenda for Sustainable Development',
      },
      url: 'https://sdgs.un.org/2030agenda',
    },
    {
      label: { de: 'New Urban Agenda', en: 'New Urban Agenda' },
      url: 'https://habitat3.org/the-new-urban-agenda/',
    },
    {
      label: { de: 'UNESCO Creative Cities Network', en: 'UNESCO Creative Cities Network' },
      url: 'https://www.unesco.org/en/creative-cities',
    },
    {
      label: {
        de: 'Creative Cities bei der Deutschen UNESCO-Kommission',
        en: 'Creative Cities at the German Commission for UNESCO',
      },
      url: 'https://www.unesco.de/orte/creative-cities/',
    },
  ],
};

/** The six goals of the network, in the published order. */
export const NETWORK_GOALS: NetworkGoalSeed[] = [
  {
    position: 1,
    title: { de: 'Internationale Zusammenarbeit', en: 'International cooperation' },
    description: {
      de: 'Die Stärkung der internationalen Zusammenarbeit zwischen Städten, die Kreativität als strategischen Faktor für nachhaltige Entwicklung erkannt haben.',
      en: 'Strengthen international cooperation among cities that have recognized creativity as a strategic factor of their sustainable development.',
    },
  },
  {
    position: 2,
    title: { de: 'Kreativität in der Stadtentwicklung', en: 'Creativity in urban development' },
    description: {
      de: 'Die Förderung von Initiativen in den Mitgliedsstädten, die anstreben Kreativität zu einem wesentlichen Bestandteil der Stadtentwicklung zu machen, insbesondere durch Partnerschaften mit dem öffentlichen und privaten Sektor sowie der Zivilgesellschaft.',
      en: 'Stimulate and enhance initiatives led by member cities to make creativity an essential component of urban development, notably through partnerships involving the public and private sectors and civil society.',
    },
  },
  {
    position: 3,
    title: { de: 'Kulturelle Güter und Dienstleistungen', en: 'Cultural goods and services' },
    description: {
      de: 'Die Stärkung der Kreation, des Vertriebs und der Verbreitung von kulturellen Aktivitäten, Gütern und Dienstleistungen.',
      en: 'Strengthen the creation, production, distribution and dissemination of cultural activities, goods and services.',
    },
  },
  {
    position: 4,
    title: {
      de: 'Kreativitäts- und Innovationszentren',
      en: 'Hubs of creativity and innovation',
    },
    description: {
      de: 'Die Entwicklung von Kreativitäts- und Innovationszentren sowie die Erweiterung der Möglichkeiten für Kulturschaffende und Fachleute im Kultursektor.',
      en: 'Develop hubs of creativity and innovation and broaden opportunities for creators and professionals in the cultural sector.',
    },
  },
  {
    position: 5,
    title: { de: 'Teilhabe am kulturellen Leben', en: 'Participation in cultural life' },
    description: {
      de: 'Die Verbesserung der Teilhabe am kulturellen Leben sowie des Zugangs zu Kulturgütern und -dienstleistungen, insbesondere für gesellschaftlich marginalisierte Gruppen.',
      en: 'Improve access to and participation in cultural life as well as the enjoyment of cultural goods and services, notably for marginalized or vulnerable groups and individuals.',
    },
  },
  {
    position: 6,
    title: {
      de: 'Kultur in lokalen Entwicklungsplänen',
      en: 'Culture in local development plans',
    },
    description: {
      de: 'Die vollständige Integration von Kultur und Kreativität in lokale Entwicklungsstrategien und -pläne.',
      en: 'Fully integrate culture and creativity into local development strategies and plans.',
    },
  },
];
