import { describe, expect, it } from 'vitest'
import { clutterSpans } from '../src/engine/corpus/clutter.js'

/** The marked text of each span, with its kind. */
function marked(body: string): Array<[string, string]> {
  return clutterSpans(body).map((s) => [s.kind, body.slice(s.start, s.end)])
}

describe('clutterSpans', () => {
  it('marks the opening stamps of FA-KES bodies as datelines', () => {
    expect(marked('Date of publication 10 July 2016 Syrian regime airstrikes killed 12 civilians.')).toEqual([
      ['dateline', 'Date of publication 10 July 2016 '],
    ])
    expect(marked('Published April 2 2017 At least 10 people were killed.')).toEqual([
      ['dateline', 'Published April 2 2017 '],
    ])
    expect(marked('Last updated at Apr 232017 BEIRUT At least 15 people were killed.')).toEqual([
      ['dateline', 'Last updated at Apr 232017 '],
    ])
    expect(marked('Thursday 28 January 2016 17:27 Nine Civilians Killed in Regime Airstrikes.')[0]).toEqual([
      'dateline',
      'Thursday 28 January 2016 17:27 ',
    ])
    expect(marked('23-04-2016 Child killed 9 Civilians Injured in Terrorist Attacks.')).toEqual([
      ['dateline', '23-04-2016 '],
    ])
    expect(marked('Date of publication 7 July 2016 Video More than 33 people were killed.')).toEqual([
      ['dateline', 'Date of publication 7 July 2016 Video '],
    ])
  })

  it('marks an agency stamp after the repeated headline', () => {
    const body =
      'Jihadists execute three Syria rebel officers Monitor AFP Saturday 21 Jun 2014 Jihadists from ISIL executed three.'
    expect(marked(body)).toEqual([['dateline', 'AFP Saturday 21 Jun 2014 ']])
  })

  it('does not mark a date inside the story', () => {
    expect(marked('The army said that on 9 June 2014 it had retaken the town.')).toEqual([])
  })

  it('marks share bars with their counters, but not the lead figure', () => {
    const body =
      '16.05.2017(updated 1925 16.05.2017) Get short URL 1211 0 0 0 US-led coalition strikes against Daesh terrorists.'
    expect(marked(body)).toEqual([['share', '16.05.2017(updated 1925 16.05.2017) Get short URL 1211 0 0 0 ']])
    const lead = '09.04.2017Get short URL 0 85 12 Daesh terrorists were killed by the SDF.'
    expect(marked(lead)).toEqual([['share', '09.04.2017Get short URL 0 85 ']])
    expect(marked('AFP Tuesday 29 Apr 2014 Print Tweet Views 371 Related Syrian refugees arrive')).toEqual([
      ['dateline', 'AFP Tuesday 29 Apr 2014 '],
      ['share', 'Print Tweet Views 371 Related '],
    ])
  })

  it('marks a tag list up to the lead sentence', () => {
    const body =
      'Date of publication 29 July 2015 Overnight airstrikes on Raqqa killed 25 civilians a monitor said. Tags Raqqa airstrikes IS Syria airstrikes Overnight airstrikes on the Islamic State groups de facto Syrian capital Raqqa killed 25 civilians.'
    expect(marked(body)[1]).toEqual(['tags', 'Tags Raqqa airstrikes IS Syria airstrikes '])
    const stop =
      'Two died. Tags Syria Aleppo ceasefire truce civilian casualties sniper fire. An adult and a child died.'
    expect(marked(stop)).toEqual([['tags', 'Tags Syria Aleppo ceasefire truce civilian casualties sniper fire. ']])
    const sputnik =
      'Kill 900 in Syria Watchdog Tags airstrikes Syria United States Community standardsDiscussion Comment via FacebookComment via Sputnik News'
    expect(marked(sputnik)).toEqual([
      [
        'tags',
        'Tags airstrikes Syria United States Community standardsDiscussion Comment via FacebookComment via Sputnik News',
      ],
    ])
  })

  it('marks captions ending in a photo credit, and only the credit after a news sentence', () => {
    const body =
      'Published July 2 2016 Syrians inspect the damage at a market in Aleppo on July 1 2016. (AFP Photo) At least 16 civilians were killed Friday.'
    expect(marked(body)).toEqual([
      ['dateline', 'Published July 2 2016 '],
      ['caption', 'Syrians inspect the damage at a market in Aleppo on July 1 2016. (AFP Photo) '],
    ])
    const reuters =
      'Obama said. A boy cries inside a mosque in Damascus August 21 2013. REUTERS/Mohamed Abdullah The United States said.'
    expect(marked(reuters)).toEqual([
      ['caption', 'A boy cries inside a mosque in Damascus August 21 2013. REUTERS/Mohamed Abdullah '],
    ])
    const news = 'The sources did not rule out that it was Russian "friendly fire". (AFP) A drone strike killed eight.'
    expect(marked(news)).toEqual([['credit', '(AFP) ']])
  })

  it('marks Reuters bylines and standards, SANA editors and desk codes at the end', () => {
    const body =
      'The talks failed. Reporting by Angus McDowall; Editing by Mark Trevelyan Our Standards:The Thomson Reuters Trust Principles.'
    expect(marked(body)).toEqual([
      ['byline', 'Reporting by Angus McDowall; Editing by Mark Trevelyan '],
      ['credit', 'Our Standards:The Thomson Reuters Trust Principles.'],
    ])
    expect(marked('causing material damage to the locals properties. Manar al-Freih / Hazem Sabbagh')).toEqual([
      ['byline', 'Manar al-Freih / Hazem Sabbagh'],
    ])
    expect(marked('the Lebanese army also strikes the extremists. SSH 11')).toEqual([['byline', 'SSH 11']])
    expect(marked('more than 280000 people have been killed since 2011. Read Also')).toEqual([['related', 'Read Also']])
  })

  it('marks AllSides furniture lines', () => {
    const body = [
      'The strikes continued on Monday.',
      'Advertisement',
      'Sign up for Daily Newsletters Manage Newsletters',
      'Copyright © 2019 The Washington Times, LLC. Click here for reprint permission.',
      'More On This...',
      'The Associated Press contributed to this report.',
      'Story Continued Below',
    ].join('\n\n')
    expect(marked(body).map(([k]) => k)).toEqual([
      'advertisement',
      'newsletter',
      'copyright',
      'related',
      'credit',
      'navigation',
    ])
  })

  it("marks The Hill's hover cards after the visible name", () => {
    const body =
      'President Trump Donald John TrumpTrump faces high stakes in meeting with Erdoğan MORE announced Wednesday that sanctions end.'
    expect(marked(body)).toEqual([
      ['hovercard', 'Donald John TrumpTrump faces high stakes in meeting with Erdoğan MORE '],
    ])
  })

  it('marks CNN gallery captions and NPR caption toggles', () => {
    const body =
      'He said.\n\nPhotos: Unrest in Syria Syrian civil war in photos – A Syrian child collects items on Saturday. Hide Caption 13 of 222 The next'
    expect(marked(body)[0]![0]).toBe('caption')
    expect(
      marked('Enlarge this image toggle caption Jeff J Mitchell/Getty Images Jeff J Mitchell/Getty Images'),
    ).toEqual([
      ['caption', 'Enlarge this image toggle caption Jeff J Mitchell/Getty Images Jeff J Mitchell/Getty Images'],
    ])
  })

  it('leaves news sentences that mention tags, photos, related stories, URLs and shares alone', () => {
    const news = [
      'Tags were found on the bodies of the dead, the Observatory said.',
      'The photo shows a boy covered in dust in an ambulance in Aleppo.',
      'Related groups were blamed for the attack on the market.',
      'The militants posted a short URL to the video on social media.',
      "The party's share of the vote fell to 12 percent in 2016.",
      'Reporters were told to read more than 100 pages of the report.',
      'He said the advertisement for recruits appeared in Raqqa.',
      'Copyright lawyers were not involved, the ministry said.',
      'Activists said 20 people, including 5 children, were killed on Monday. The army denied it.',
      'The foreign minister did not comment. Associated Press writers in Beirut said more were killed.',
    ]
    for (const body of news) expect(marked(body), body).toEqual([])
  })

  it('returns sorted, non-overlapping spans', () => {
    const body =
      'Published August 3 2015 People inspect the damage in Ariha August 3 2015(Reuters Photo) Thirty-five people were killed. Tags Syria Idlib Ariha The crash killed 35.'
    const spans = clutterSpans(body)
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end)
  })

  it('is fast on a 2 MB body', () => {
    const words = [
      'Tags',
      'Syria',
      'Photo',
      'MORE',
      'Get',
      'short',
      'URL',
      '12',
      'the',
      'AFP',
      'Read',
      'Also',
      'killed',
      '.',
    ]
    let seed = 1
    const parts: string[] = []
    let size = 0
    while (size < 2 * 1024 * 1024) {
      seed = (seed * 1103515245 + 12345) % 2147483648
      const w = words[seed % words.length]! + (seed % 97 === 0 ? '\n' : ' ')
      parts.push(w)
      size += w.length
    }
    const body = parts.join('')
    const t0 = performance.now()
    clutterSpans(body)
    expect(performance.now() - t0).toBeLessThan(2000)
  })
})

describe('newsSentences: what the index quotes of a body', () => {
  it('cuts page furniture out of a sentence and keeps the rest, at the offsets of the body', async () => {
    const { newsSentences } = await import('../src/engine/index/build.js')
    // Al-Araby's shape in FA-KES: a dateline, the standfirst, a tag list, then the story.
    const title = 'Scores of civilians killed in airstrikes on Raqqa'
    const body =
      'Date of publication 22 June 2016 At least 25 civilians have been killed as militaries converge on Raqqa. ' +
      'Tags Raqqa airstrikes IS Syria airstrikes ' +
      'Overnight airstrikes on the Islamic State group capital Raqqa killed 25 civilians, a monitor said. ' +
      'The raids hit the city on Tuesday night.'
    const quotes = newsSentences(body, title).map((s) => body.slice(s.start, s.end))
    expect(quotes.slice(0, 2)).toEqual([
      'At least 25 civilians have been killed as militaries converge on Raqqa.',
      'Overnight airstrikes on the Islamic State group capital Raqqa killed 25 civilians, a monitor said.',
    ])
    expect(quotes).toContain('The raids hit the city on Tuesday night.')
    expect(quotes.join(' ')).not.toMatch(/Tags|Date of publication/)
  })

  it('leaves out the copy of the headline a body begins with', async () => {
    const { newsSentences } = await import('../src/engine/index/build.js')
    const title = 'Suicide bomber kills six in Syria restaurant Reports'
    const body = `${title} A suicide bombing in a restaurant in Aleppo killed six people, a monitor said.`
    expect(newsSentences(body, title).map((s) => body.slice(s.start, s.end))).toEqual([
      'A suicide bombing in a restaurant in Aleppo killed six people, a monitor said.',
    ])
  })
})

describe('clutterSpans: furniture the corpus walk found (tests/furniture-walk.test.ts)', () => {
  it('embedded tweets: the photo link, author and date go, the tweet’s words stay', () => {
    expect(
      marked(
        'Never want to do this again. pic.twitter.com/3RYcUeklAn — Richard Moore (@UKAmbRichard) December 20, 2016\n\nCavusoglu said the attack was intended to harm relations.',
      ),
    ).toEqual([['tweet', 'pic.twitter.com/3RYcUeklAn — Richard Moore (@UKAmbRichard) December 20, 2016']])
    // FA-KES lost the slashes and the "@", and runs the next sentence on.
    expect(
      marked(
        'My prayers are with the victims. pic.twitter.comezhmZ1GOG4 Leith Abou Fadel (leithfadel) July 27 2016 State TV rolled footage from the scene.',
      ),
    ).toEqual([['tweet', 'pic.twitter.comezhmZ1GOG4 Leith Abou Fadel (leithfadel) July 27 2016 ']])
    expect(marked('Reports rest with Paris. pic.twitter.com/QEmWEffUzx — Russia in USA ????\n\nNext.')).toEqual([
      ['tweet', 'pic.twitter.com/QEmWEffUzx — Russia in USA ????'],
    ])
  })

  it("CNN's video strip and summary label; the highlight itself stays", () => {
    expect(
      marked(
        'Story highlights An FBI team is en route to Lebanon\n\nJUST WATCHED Rage erupts in Beirut Replay More Videos ... MUST WATCH Rage erupts in Beirut 02:48\n\nThreats were made.',
      ),
    ).toEqual([
      ['navigation', 'Story highlights '],
      ['video', 'JUST WATCHED Rage erupts in Beirut Replay More Videos ... MUST WATCH Rage erupts in Beirut 02:48'],
    ])
  })

  it('photo credits and caption lines', () => {
    expect(
      marked(
        'Civilians flee air strikes on Jisreen on February 8, 2018. Photo: ABDULMONAM EASSA/AFP/Getty Images\n\nA report by U.N. experts finds.',
      ),
    ).toEqual([['credit', 'Photo: ABDULMONAM EASSA/AFP/Getty Images']])
    expect(
      marked(
        'Facebook Twitter Pinterest Rex Tillerson and Boris Johnson hold talks in Lucca. Photograph: Max Rossi/Reuters\n\nSpeaking to journalists.',
      ),
    ).toEqual([
      [
        'caption',
        'Facebook Twitter Pinterest Rex Tillerson and Boris Johnson hold talks in Lucca. Photograph: Max Rossi/Reuters',
      ],
    ])
    expect(marked('News.\n\ntoggle caption Carolyn Kaster/AP\n\nRep. Jim Himes is willing.')).toEqual([
      ['caption', 'toggle caption Carolyn Kaster/AP'],
    ])
    expect(marked('News.\n\nImage copyright Digital Globe\n\nShe added that aid groups were struggling.')).toEqual([
      ['caption', 'Image copyright Digital Globe'],
    ])
    expect(marked('Trump blamed Obama. | Saul Loeb/AFP/Getty Images Trump blames Putin')).toEqual([
      ['credit', '| Saul Loeb/AFP/Getty Images '],
    ])
    // FA-KES: the caption before "(Photo AP)" ends with the photo's date, "Oct." included.
    expect(
      marked(
        'Putin cautious. Russian President Vladimir Putin attends a meeting in Sochi Russia Thursday Oct. 27 2016 (Photo AP) Print Tweet Views 2494 Related',
      )[0],
    ).toEqual([
      'caption',
      'Russian President Vladimir Putin attends a meeting in Sochi Russia Thursday Oct. 27 2016 (Photo AP) ',
    ])
  })

  it('newsletter boxes, promos, share bars and copyright lines', () => {
    expect(
      marked(
        'End.\n\nPOLITICO Playbook newsletter Sign up today to receive the #1-rated newsletter in politics Email Sign Up By signing up you agree to receive email newsletters or alerts from POLITICO. You can unsubscribe at any time.\n\nNext.',
      ).map(([k]) => k),
    ).toEqual(['newsletter'])
    expect(
      marked(
        "End.\n\nNewsletter Sign Up Continue reading the main story Please verify you're not a robot by clicking the box. Invalid email address.\n\nNext.",
      ).map(([k]) => k),
    ).toEqual(['newsletter'])
    expect(marked('End.\n\nDaily politics news delivered to your inbox: sign up for our newsletter\n\nNext.')).toEqual([
      ['newsletter', 'Daily politics news delivered to your inbox: sign up for our newsletter'],
    ])
    expect(
      marked(
        'Chris Stirewalt is digital politics editor for Fox News. Want FOX News First in your inbox every day? Sign up here. To catch Chris live online daily at 11:30 a.m. ET, click here.',
      ),
    ).toEqual([
      ['newsletter', 'Want FOX News First in your inbox every day? Sign up here. '],
      ['related', 'To catch Chris live online daily at 11:30 a.m. ET, click here.'],
    ])
    expect(marked('End.\n\nCLICK HERE TO GET THE FOX NEWS APP\n\nNext.')).toEqual([
      ['related', 'CLICK HERE TO GET THE FOX NEWS APP'],
    ])
    expect(
      marked(
        'LISTEN TO ARTICLE 2:05 SHARE THIS ARTICLE Share Tweet Post Email\n\nThe Trump administration will decide.',
      ),
    ).toEqual([['share', 'LISTEN TO ARTICLE 2:05 SHARE THIS ARTICLE Share Tweet Post Email']])
    expect(
      marked('Monday 16 Jun 2014 Print Tweet Syrian regime helicopters on Monday dropped barrel bombs.')[1],
    ).toEqual(['share', 'Print Tweet '])
    expect(marked('— Rich Lowry is the editor of National Review. © 2017 King Features Syndicate\n\nNext.')).toEqual([
      ['copyright', '© 2017 King Features Syndicate'],
    ])
    expect(marked('End.\n\nMore On This... Is Iran planning revenge strikes if US hits Syria?\n\nNext.')).toEqual([
      ['related', 'More On This... Is Iran planning revenge strikes if US hits Syria?'],
    ])
  })

  it("The Guardian's explainer label, Sputnik's linked headline, The Hill's hover card with a nickname", () => {
    expect(
      marked('Q&A What are the military options in Syria? Show Hide In theory there are three responses.'),
    ).toEqual([['navigation', 'Q&A What are the military options in Syria? Show Hide ']])
    expect(
      marked(
        'READ MORE WATCH Russian Airstrikes Send Terrorists Fleeing in Syrias Hama In a separate operation in Hama the troops found 19 civilians.',
      ),
    ).toEqual([['related', 'READ MORE WATCH Russian Airstrikes Send Terrorists Fleeing in Syrias Hama ']])
    expect(
      marked(
        'Chairman Bob Corker Robert (Bob) Phillips CorkerLindsey Graham basks in the impeachment spotlight MORE (R-Tenn.) said Pence faced questions.',
      ),
    ).toEqual([['hovercard', 'Robert (Bob) Phillips CorkerLindsey Graham basks in the impeachment spotlight MORE ']])
  })

  it('leaves news that names Twitter, photos, newsletters or sign-ups alone', () => {
    for (const news of [
      "President Obama's national security adviser, Susan Rice, sent out a Tweet on Friday.",
      'The photos show the aftermath.\n\nPhoto evidence was given to the UN.',
      'Volunteers spoke.\n\nThousands sign up for the army, the ministry said in a newsletter to members.',
      'Read more about the attack in the report, which the Pentagon released on Monday.',
    ])
      expect(marked(news), news).toEqual([])
  })
})

describe('a file photo caption', () => {
  it('"… Syria April 18 2017 (File photo) (TRT World and Agencies)" is a caption, the news around it is not', () => {
    const body =
      '19 Apr 2017 The blast happened as the regime and opposition resumed population exchanges. ' +
      'A boy who was injured during a bomb blast on a bus convoy outside Aleppo on Saturday sits inside a tent near the border Syria April 18 2017 (File photo) (TRT World and Agencies) ' +
      'A bomb killed six people in Aleppo on Wednesday.'
    const marked = clutterSpans(body).map((s) => body.slice(s.start, s.end))
    expect(marked.join('|')).toContain('A boy who was injured')
    expect(marked.join('|')).not.toContain('A bomb killed six')
    expect(marked.join('|')).not.toContain('The blast happened')
  })
})
