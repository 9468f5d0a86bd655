/** The GraphQL `search` query with every argument and field, for the tests of both apps. */
export const SEARCH = `
  query Search(
    $q: String!
    $locale: I18NLocaleCode
    $fallbackLocale: I18NLocaleCode
    $types: [String!]
    $facets: [String!]
    $pagination: PaginationArg
  ) {
    search(
      q: $q
      locale: $locale
      fallbackLocale: $fallbackLocale
      types: $types
      facets: $facets
      pagination: $pagination
    ) {
      hits {
        type
        documentId
        name
        slug
        locale
        fallback
        match
        matchedName
      }
      facets {
        name
        values {
          key
          name
          count
        }
      }
      pageInfo {
        total
        page
        pageSize
        pageCount
      }
    }
  }
`;
