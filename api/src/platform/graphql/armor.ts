import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Lexer, NoSchemaIntrospectionCustomRule, type ParseOptions, Source, TokenKind, type ValidationRule } from 'graphql';

/** The largest request body (HTTP) or message (websocket) a client may send. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/**
 * What one GraphQL document may ask, and how errors about it read: the one definition both
 * transports apply — Apollo over HTTP (`parseOptions`, `validationRules`, `plugins`) and
 * graphql-ws (`parse` + `validate` in `onSubscribe`), so a query refused on one is refused
 * on the other.
 */
export interface GraphQLLimits {
  /**
   * Refuses a document that nests brackets, braces or parentheses deeper than 64 levels —
   * checked without recursion before graphql-js's recursive parser runs, which a few
   * thousand `[` overflow. Answers the syntax error, or nothing when the document may be parsed.
   */
  checkNesting(source: string): GraphQLError | undefined;
  /** Parser limits: lexical tokens and comments (graphql-js stops parsing past them, a syntax error). */
  parseOptions: ParseOptions;
  /** graphql-armor's depth, cost, aliases and directives rules; in production also no introspection. */
  validationRules: ValidationRule[];
  /** In production, drops "Did you mean …?" from error messages: suggestions leak the schema. */
  hideSuggestions(message: string): string;
  /** Apollo plugins that apply `hideSuggestions` to every error of an HTTP response. */
  plugins: ApolloServerPlugin[];
  /** Largest HTTP body and websocket message, in bytes. */
  maxMessageBytes: number;
  /** Operations one websocket may run at once (subscriptions, and queries or mutations in flight). */
  maxOperationsPerSocket: number;
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * The limits. The deepest real operation (grids → buildings → households → residents →
 * household) has depth 7 and the web's largest document a few hundred tokens; departments'
 * federated queries stay well inside these bounds.
 */
export function graphqlLimits(production: boolean): GraphQLLimits {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 30 },
    // armor's cost grows 1.5× per level of depth: 50 grids → buildings → households →
    // residents (a dashboard's real query) costs ~45,000; a depth-12 bomb far more.
    costLimit: { maxCost: 100000 },
    // Tokens are counted by graphql-js's own parser (parseOptions below), which both
    // transports call; suggestions are hidden by hideSuggestions.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const hideSuggestions = (message: string) => (production ? message.replace(SUGGESTION, '') : message);
  const parseOptions = { maxLexicalTokens: 4000, maxComments: 200 };
  return {
    checkNesting: (source) => nestingError(source, 64, parseOptions.maxLexicalTokens),
    parseOptions,
    validationRules: [...armor.validationRules, ...(production ? [NoSchemaIntrospectionCustomRule] : [])],
    hideSuggestions,
    plugins: production ? [hideSuggestionsPlugin(hideSuggestions)] : [],
    maxMessageBytes: MAX_MESSAGE_BYTES,
    maxOperationsPerSocket: 20,
  };
}

function hideSuggestionsPlugin(hide: (message: string) => string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) (error as { message: string }).message = hide(error.message);
        },
      };
    },
  };
}

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** Lexes `source` (a loop, no recursion) and answers a syntax error at the first token nested deeper than `max`. */
function nestingError(source: string, max: number, maxTokens: number): GraphQLError | undefined {
  const lexer = new Lexer(new Source(source));
  let depth = 0;
  try {
    for (let token = lexer.advance(), n = 1; token.kind !== TokenKind.EOF && n <= maxTokens; token = lexer.advance(), n++) {
      if (CLOSING.has(token.kind)) depth--;
      else if (OPENING.has(token.kind) && ++depth > max) {
        return new GraphQLError(`Syntax Error: the document nests deeper than ${max} levels.`, {
          source: lexer.source,
          positions: [token.start],
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        });
      }
    }
  } catch {
    // Not lexable: the parser reports it.
  }
  return undefined;
}
