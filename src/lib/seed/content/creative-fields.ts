import type { CreativeFieldContent } from '../build-seed';
import type { CreativeFieldKey } from '../types';

/**
 * The eight creative fields. Names and city titles as used by the German Commission for
 * UNESCO; descriptions written for this project (not taken from unesco.org).
 */
export const CREATIVE_FIELDS: Record<CreativeFieldKey, CreativeFieldContent> = {
  'crafts-folk-art': {
    name: { de: 'Handwerk und Volkskunst', en: 'Crafts and Folk Art' },
    cityTitle: {
      de: 'Stadt des Handwerks und der Volkskunst',
      en: 'City of Crafts and Folk Art',
    },
    description: {
      de: [
        'Städte des Handwerks und der Volkskunst stützen sich auf überlieferte und zeitgenössische Handwerkstechniken – etwa Keramik, Textilkunst, Holz- und Metallarbeiten – als Grundlage ihrer kulturellen Identität und ihrer lokalen Wirtschaft.',
        'Im Netzwerk tauschen sie sich darüber aus, wie handwerkliches Wissen weitergegeben und mit Design und Innovation verbunden werden kann. Das Feld gehört seit der Gründung des Netzwerks im Jahr 2004 dazu.',
      ],
      en: [
        'Cities of Crafts and Folk Art build on traditional and contemporary craft techniques – such as ceramics, textiles, woodwork and metalwork – as a basis of their cultural identity and their local economy.',
        'In the network they share experience in passing on craft knowledge and in connecting it with design and innovation. The field has been part of the network since it was founded in 2004.',
      ],
    },
  },
  design: {
    name: { de: 'Design', en: 'Design' },
    cityTitle: { de: 'Stadt des Designs', en: 'City of Design' },
    description: {
      de: [
        'Städte des Designs verstehen Gestaltung – vom Produkt- und Grafikdesign über Mode bis zur Gestaltung öffentlicher Räume – als Antrieb für Wirtschaft, Lebensqualität und Stadtentwicklung.',
        'Im Netzwerk teilen sie Erfahrungen mit Designwirtschaft, Designausbildung und gestalterischen Lösungen für städtische Aufgaben. Das Feld gehört seit der Gründung des Netzwerks im Jahr 2004 dazu.',
      ],
      en: [
        'Cities of Design see design – from product and graphic design and fashion to the design of public space – as a driver of the economy, quality of life and urban development.',
        'In the network they share experience with the design industry, design education and design-led answers to urban challenges. The field has been part of the network since it was founded in 2004.',
      ],
    },
  },
  film: {
    name: { de: 'Film', en: 'Film' },
    cityTitle: { de: 'Stadt des Films', en: 'City of Film' },
    description: {
      de: [
        'Städte des Films verbinden Filmproduktion, Festivals, Kinokultur, die Pflege des Filmerbes und die Ausbildung für Film und Fernsehen.',
        'Im Netzwerk tauschen sie sich über Filmförderung, Filmbildung und den Zugang zum Kino aus. Das Feld gehört seit der Gründung des Netzwerks im Jahr 2004 dazu.',
      ],
      en: [
        'Cities of Film bring together film production, festivals, cinema culture, the care of film heritage and training for film and television.',
        'In the network they exchange ideas on film funding, film education and access to cinema. The field has been part of the network since it was founded in 2004.',
      ],
    },
  },
  gastronomy: {
    name: { de: 'Gastronomie', en: 'Gastronomy' },
    cityTitle: { de: 'Stadt der Gastronomie', en: 'City of Gastronomy' },
    description: {
      de: [
        'Städte der Gastronomie stellen ihre kulinarischen Traditionen, regionalen Erzeugnisse und ihre Esskultur in den Mittelpunkt – von Märkten und Lebensmittelhandwerk bis zur gastronomischen Ausbildung.',
        'Im Netzwerk geht es auch um nachhaltige Ernährung und den Erhalt lokaler Produkte. Das Feld gehört seit der Gründung des Netzwerks im Jahr 2004 dazu.',
      ],
      en: [
        'Cities of Gastronomy put their culinary traditions, regional produce and food culture at the centre – from markets and food crafts to culinary training.',
        'Their work in the network also covers sustainable food and the preservation of local produce. The field has been part of the network since it was founded in 2004.',
      ],
    },
  },
  literature: {
    name: { de: 'Literatur', en: 'Literature' },
    cityTitle: { de: 'Stadt der Literatur', en: 'City of Literature' },
    description: {
      de: [
        'Städte der Literatur fördern das Lesen, Schreiben, Übersetzen und Verlegen – mit Bibliotheken, Buchhandlungen, Verlagen und Literaturfestivals.',
        'Im Netzwerk arbeiten sie an Leseförderung und am Austausch von Autorinnen, Autoren und Übersetzenden. Das Feld gehört seit der Gründung des Netzwerks im Jahr 2004 dazu.',
      ],
      en: [
        'Cities of Literature promote reading, writing, translation and publishing – through libraries, bookshops, publishers and literature festivals.',
        'In the network they work on reading promotion and on exchanges of writers and translators. The field has been part of the network since it was founded in 2004.',
      ],
    },
  },
  'media-arts': {
    name: { de: 'Medienkunst', en: 'Media Arts' },
    cityTitle: { de: 'Stadt der Medienkunst', en: 'City of Media Arts' },
    description: {
      de: [
        'Städte der Medienkunst fördern künstlerische Arbeit mit digitalen und elektronischen Medien – von interaktiven Installationen und Videokunst bis zu digitaler Kultur.',
        'Im Netzwerk verbinden sie Kunst, Forschung und Technologie. Das Feld gehört seit der Gründung des Netzwerks im Jahr 2004 dazu.',
      ],
      en: [
        'Cities of Media Arts support artistic work with digital and electronic media – from interactive installations and video art to digital culture.',
        'In the network they connect art, research and technology. The field has been part of the network since it was founded in 2004.',
      ],
    },
  },
  music: {
    name: { de: 'Musik', en: 'Music' },
    cityTitle: { de: 'Stadt der Musik', en: 'City of Music' },
    description: {
      de: [
        'Städte der Musik pflegen ein vielfältiges Musikleben mit Konzertsälen, Festivals, Musikausbildung und Musikwirtschaft, von klassischer Musik bis zu Pop und traditioneller Musik.',
        'Im Netzwerk tauschen sie sich über Musikförderung, die Förderung junger Talente und den Austausch von Musikerinnen und Musikern aus. Das Feld gehört seit der Gründung des Netzwerks im Jahr 2004 dazu.',
      ],
      en: [
        'Cities of Music foster a diverse musical life with concert venues, festivals, music education and a music industry, from classical music to pop and traditional music.',
        'In the network they exchange ideas on supporting music and young talent and on exchanges of musicians. The field has been part of the network since it was founded in 2004.',
      ],
    },
  },
  architecture: {
    name: { de: 'Architektur', en: 'Architecture' },
    cityTitle: { de: 'Stadt der Architektur', en: 'City of Architecture' },
    description: {
      de: [
        'Städte der Architektur stellen Baukultur, Stadtplanung und den Umgang mit gebautem Erbe in den Mittelpunkt ihrer Stadtentwicklung.',
        'Architektur ist das jüngste der acht kreativen Felder: Sie kam 2025 hinzu, und die ersten Städte der Architektur wurden im Oktober 2025 in das Netzwerk aufgenommen.',
      ],
      en: [
        'Cities of Architecture place building culture, urban planning and the care of built heritage at the centre of their urban development.',
        'Architecture is the newest of the eight creative fields: it was added in 2025, and the first Cities of Architecture joined the network in October 2025.',
      ],
    },
  },
};
