/** The searchable types: the plugin config's uids resolved against the app's schemas. */
import type { Core, UID } from '@strapi/strapi';
import type { SearchConfig } from '../config';

export interface SearchType {
  uid: UID.ContentType;
  /** Name in URLs and in hits: the schema's pluralName (`cities`). */
  urlName: string;
  fields: string[];
  slug: string | null;
  /** Text attribute with other names, or null. */
  alternativeNames: string | null;
  /** Facet name (the relation attribute) → uid of the related type. */
  facets: Record<string, string>;
  localized: boolean;
  draftAndPublish: boolean;
}

const TEXT_TYPES = new Set(['string', 'text', 'uid', 'email']);
const TO_ONE = new Set(['manyToOne', 'oneToOne']);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let resolved: SearchType[] | undefined;

  const resolve = (): SearchType[] => {
    const types = strapi.plugin('search').config<SearchConfig['types']>('types');
    return Object.entries(types).map(([uid, config]) => {
      const { fields, slug } = config;
      const contentType = strapi.contentTypes[uid as UID.ContentType];
      if (!contentType) {
        throw new Error(`search plugin: config.types names "${uid}", which is not a content type`);
      }
      const attributes = contentType.attributes as Record<
        string,
        { type: string; relation?: string; target?: string }
      >;
      for (const field of fields) {
        if (!TEXT_TYPES.has(attributes[field]?.type)) {
          throw new Error(
            `search plugin: "${field}" of ${uid} is not a text attribute (${[...TEXT_TYPES].join(', ')})`
          );
        }
      }
      if (slug !== undefined && attributes[slug] === undefined) {
        throw new Error(`search plugin: ${uid} has no attribute "${slug}" for the slug`);
      }
      const alternativeNames = config.alternativeNames ?? null;
      if (alternativeNames !== null && !TEXT_TYPES.has(attributes[alternativeNames]?.type)) {
        throw new Error(
          `search plugin: alternativeNames "${alternativeNames}" of ${uid} is not a text attribute`
        );
      }
      const facets: Record<string, string> = {};
      for (const facet of config.facets ?? []) {
        const attribute = attributes[facet];
        if (
          attribute?.type !== 'relation' ||
          !TO_ONE.has(attribute.relation ?? '') ||
          !attribute.target
        ) {
          throw new Error(`search plugin: facet "${facet}" of ${uid} is not a to-one relation`);
        }
        if (!(attribute.target in types)) {
          throw new Error(
            `search plugin: facet "${facet}" of ${uid} points to ${attribute.target}, which is not searched (its names name the facet values)`
          );
        }
        facets[facet] = attribute.target;
      }
      const { i18n } = (contentType.pluginOptions ?? {}) as { i18n?: { localized?: boolean } };
      return {
        uid: uid as UID.ContentType,
        urlName: contentType.info.pluralName,
        fields,
        slug:
          slug ?? Object.keys(attributes).find((name) => attributes[name].type === 'uid') ?? null,
        alternativeNames,
        facets,
        localized: i18n?.localized === true && strapi.plugin('i18n') !== undefined,
        draftAndPublish: contentType.options?.draftAndPublish === true,
      };
    });
  };

  return {
    /** The searchable types, in config order (checked once; a bad config fails the boot). */
    types(): SearchType[] {
      resolved ??= resolve();
      return resolved;
    },
    byUid(uid: string): SearchType | undefined {
      return this.types().find((type) => type.uid === uid);
    },
    /** Every facet name some searched type offers, in config order. */
    facetNames(): string[] {
      return [...new Set(this.types().flatMap((type) => Object.keys(type.facets)))];
    },
  };
};
