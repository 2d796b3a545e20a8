/** A small corpus in the shape of safety-training/*.yaml: each class with words of its own. */
export const SMALL_SAFETY_CORPUS = `provenance: written for this test
disclosures:
  grooming:
    - "a man online keeps sending me gifts and says its our secret"
    - "he sends me gifts and tells me to keep our chats secret"
    - "an older guy sends gifts and says dont tell your mum"
    - "the man in my game sends me gifts and wants it secret"
  self-harm:
    - "i keep hurting my arms at night"
    - "i hurt my arms again and hide it"
    - "nobody knows i hurt my arms"
concerns:
  - "is it normal that my online friend asks which bus i take"
  - "my online friend asks which school i go to is that normal"
  - "an online friend asked where i live is that normal"
ordinary:
  - "what colour are pears"
  - "this homework is killing me lol"
  - "my mum bought a new sofa"
  - "we have pictures from the school trip"
  - "the pictures of the pears are nice"
  - "pictures of the trip are up"
`;
