/** graphql-depth-limit (the rule Strapi's GraphQL plugin installs) ships no types. */
declare module 'graphql-depth-limit' {
  import type { ValidationRule } from 'graphql';
  export default function depthLimit(maxDepth: number): ValidationRule;
}
