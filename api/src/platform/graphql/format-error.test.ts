import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { formatError } from './format-error';

/** An error as Apollo hands it to formatError in development: with the stack it adds. */
function formatted(code: string): [GraphQLFormattedError, GraphQLError] {
  const error = new GraphQLError('the message', { extensions: { code } });
  return [
    {
      message: 'the message',
      path: ['field'],
      extensions: { code, stacktrace: ['GraphQLError: the message', '    at somewhere (file.js:1:1)'] },
    },
    error,
  ];
}

describe('formatError', () => {
  it.each(['UNAUTHENTICATED', 'BAD_USER_INPUT', 'FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED'])(
    'gives a client mistake (%s) its message and code, and no stack, in development',
    (code) => {
      expect(formatError(false)(...formatted(code))).toEqual({ message: 'the message', path: ['field'], extensions: { code } });
    },
  );

  it('keeps the stack of an unexpected error in development', () => {
    expect(formatError(false)(...formatted('INTERNAL_SERVER_ERROR')).extensions?.stacktrace).toHaveLength(2);
  });

  it('reduces an unexpected error to its code in production', () => {
    expect(formatError(true)(...formatted('INTERNAL_SERVER_ERROR'))).toEqual({
      message: 'internal error',
      path: ['field'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
