import { escapeHtml } from '../../bot/html';

describe('escapeHtml', () => {
  it('makes text safe inside an element and a quoted attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });

  it('leaves ordinary text, emoji and accents alone', () => {
    expect(escapeHtml('Café 👍 24 June 2020')).toBe('Café 👍 24 June 2020');
  });
});
