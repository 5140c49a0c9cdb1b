import { parseDatabaseUrl } from '../../src/sources/database-url';

describe('parseDatabaseUrl', () => {
  it('should decode user and password and redact the password', () => {
    const endpoint = parseDatabaseUrl('mysql://dasmo%40ro:p%40ss%3Aw@db.example:3307/inps', 'X');
    expect(endpoint).toMatchObject({ host: 'db.example', port: 3307, user: 'dasmo@ro', password: 'p@ss:w', database: 'inps' });
    expect(endpoint.redacted).toBe('mysql://dasmo@ro:***@db.example:3307/inps');
    expect(endpoint.redacted).not.toContain('p@ss');
  });

  it('should default the port and accept mariadb://', () => {
    expect(parseDatabaseUrl('mariadb://root@127.0.0.1/test', 'X')).toMatchObject({ port: 3306, user: 'root', password: '' });
  });

  it.each([
    ['not a url', /not a valid URL/],
    ['postgres://u@h/db', /must start with mysql/],
    ['mysql://u:secret@h', /must name one database/],
    ['mysql://u:secret@h/a/b', /must name one database/],
  ])('should reject %j without echoing it', (raw, message) => {
    expect(() => parseDatabaseUrl(raw, 'DASMO_DATABASE_URL')).toThrow(message);
    try {
      parseDatabaseUrl(raw, 'DASMO_DATABASE_URL');
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
  });
});
