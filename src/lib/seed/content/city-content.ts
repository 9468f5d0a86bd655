import type { Localized, Paragraphs } from '../types';

/**
 * Descriptions of the eight German member cities, keyed by city key. Written for this project;
 * only facts about the city and its creative field, no figures that would need a source.
 */
export const CITY_DESCRIPTIONS: Record<string, Localized<Paragraphs>> = {
  berlin: {
    de: [
      'Berlin, die Hauptstadt Deutschlands, ist seit 2005 UNESCO-Stadt des Designs und war die erste deutsche Stadt im Netzwerk der Creative Cities. Die Stadt ist ein Zentrum der Design- und Kreativwirtschaft; ausgebildet wird unter anderem an der Universität der Künste Berlin und an der Kunsthochschule Berlin-Weißensee.',
    ],
    en: [
      'Berlin, the capital of Germany, has been a UNESCO City of Design since 2005 and was the first German city in the Creative Cities Network. The city is a centre of the design and creative industries, with design education at institutions such as the Berlin University of the Arts and the Weißensee Academy of Art.',
    ],
  },
  bremen: {
    de: [
      'Die Hansestadt Bremen an der Weser ist seit 2023 UNESCO-Stadt der Literatur. Sie ist Namensgeberin des Märchens „Die Bremer Stadtmusikanten“ aus der Sammlung der Brüder Grimm. Rathaus und Roland auf dem Bremer Marktplatz gehören zum UNESCO-Welterbe.',
    ],
    en: [
      'The Hanseatic city of Bremen on the River Weser has been a UNESCO City of Literature since 2023. It gave its name to the Brothers Grimm fairy tale “Town Musicians of Bremen”. The town hall and the Roland statue on Bremen’s market square are a UNESCO World Heritage site.',
    ],
  },
  hannover: {
    de: [
      'Hannover, die Landeshauptstadt Niedersachsens, ist seit 2014 UNESCO-Stadt der Musik. Der in Hannover geborene Emil Berliner erfand das Grammophon und die Schallplatte und gründete 1898 in seiner Heimatstadt die Deutsche Grammophon. Zum Musikleben der Stadt gehören heute unter anderem die Staatsoper und die Hochschule für Musik, Theater und Medien Hannover.',
    ],
    en: [
      'Hanover, the capital of Lower Saxony, has been a UNESCO City of Music since 2014. Emile Berliner, who was born in Hanover, invented the gramophone and the disc record and founded Deutsche Grammophon in his home town in 1898. Today the city’s musical life includes the State Opera and the Hanover University of Music, Drama and Media.',
    ],
  },
  heidelberg: {
    de: [
      'Heidelberg am Neckar ist Sitz der 1386 gegründeten ältesten Universität im heutigen Deutschland und seit 2014 UNESCO-Stadt der Literatur, als erste deutsche Stadt in diesem Feld. Zu Beginn des 19. Jahrhunderts war Heidelberg ein Zentrum der Romantik: Achim von Arnim und Clemens Brentano gaben hier die Liedersammlung „Des Knaben Wunderhorn“ heraus.',
    ],
    en: [
      'Heidelberg on the River Neckar is home to the oldest university in present-day Germany, founded in 1386, and has been a UNESCO City of Literature since 2014, the first German city in this field. In the early 19th century Heidelberg was a centre of Romanticism: Achim von Arnim and Clemens Brentano published the song collection “Des Knaben Wunderhorn” here.',
    ],
  },
  'hoehr-grenzhausen': {
    de: [
      'Höhr-Grenzhausen im Westerwald (Rheinland-Pfalz) liegt im Kannenbäckerland, der Heimat des salzglasierten Westerwälder Steinzeugs. Die Stadt ist Sitz des Keramikmuseums Westerwald und des Instituts für Künstlerische Keramik und Glas der Hochschule Koblenz. Seit 2025 ist sie UNESCO-Stadt des Handwerks und der Volkskunst, als erste deutsche Stadt in diesem Feld.',
    ],
    en: [
      'Höhr-Grenzhausen in the Westerwald (Rhineland-Palatinate) lies in the Kannenbäckerland, the home of salt-glazed Westerwald stoneware. The town is home to the Westerwald Ceramics Museum and to the Institute for Artistic Ceramics and Glass of Koblenz University of Applied Sciences. Since 2025 it has been a UNESCO City of Crafts and Folk Art, the first German city in this field.',
    ],
  },
  karlsruhe: {
    de: [
      'Karlsruhe in Baden-Württemberg ist seit 2019 UNESCO-Stadt der Medienkunst, als bisher einzige deutsche Stadt in diesem Feld. Mittelpunkt der Medienkunst ist das ZKM | Zentrum für Kunst und Medien, das sich seinen Standort im Hallenbau mit der Staatlichen Hochschule für Gestaltung Karlsruhe teilt. Die Stadt ist außerdem Sitz des Bundesverfassungsgerichts.',
    ],
    en: [
      'Karlsruhe in Baden-Württemberg has been a UNESCO City of Media Arts since 2019, so far the only German city in this field. Its centre for media art is the ZKM | Center for Art and Media, which shares its building with the Karlsruhe University of Arts and Design. The city is also the seat of Germany’s Federal Constitutional Court.',
    ],
  },
  mannheim: {
    de: [
      'Mannheim an Rhein und Neckar ist seit 2014 UNESCO-Stadt der Musik. Im 18. Jahrhundert machte die Mannheimer Schule, das Orchester des kurpfälzischen Hofes und seine Komponisten, die Stadt zu einem Zentrum der Orchestermusik. Heute bilden die Popakademie Baden-Württemberg und die Staatliche Hochschule für Musik und Darstellende Kunst Mannheim Musikerinnen und Musiker aus.',
    ],
    en: [
      'Mannheim, where the Rhine and the Neckar meet, has been a UNESCO City of Music since 2014. In the 18th century the Mannheim School – the court orchestra of the Electoral Palatinate and its composers – made the city a centre of orchestral music. Today the Popakademie Baden-Württemberg and the Mannheim University of Music and Performing Arts train musicians.',
    ],
  },
  potsdam: {
    de: [
      'Potsdam, die Landeshauptstadt Brandenburgs, ist seit 2019 UNESCO-Stadt des Films. Im Stadtteil Babelsberg liegen das 1912 gegründete Studio Babelsberg, eines der ältesten Großatelier-Filmstudios der Welt, und die Filmuniversität Babelsberg KONRAD WOLF. Die Schlösser und Parks von Potsdam gehören zum UNESCO-Welterbe.',
    ],
    en: [
      'Potsdam, the capital of Brandenburg, has been a UNESCO City of Film since 2019. Its Babelsberg district is home to Studio Babelsberg, founded in 1912 and one of the oldest large-scale film studios in the world, and to the Film University Babelsberg KONRAD WOLF. The palaces and parks of Potsdam are a UNESCO World Heritage site.',
    ],
  },
};

/**
 * Official websites of creative-city programmes, keyed by city key. Deliberately empty: an
 * address goes in only once it has been checked against the city's own site.
 */
export const CITY_WEBSITES: Record<string, string> = {};
