package dev.rewire.enrich.stories;

/**
 * Fictional reports written for these tests: one event (the Varnley footbridge) told by three outlets —
 * an original, a lightly edited copy and a paraphrase — and a different event of the same kind (a bridge
 * closure in Kessington) and an unrelated event in the same town, which must stay stories of their own.
 */
final class StoryTexts {

    static final String BRIDGE_TITLE = "Varnley footbridge shut after inspectors find cracked cables";

    static final String BRIDGE = """
            Inspectors closed the Alderbeck footbridge in Varnley on Thursday morning after finding cracks in two \
            of its suspension cables, the town's engineering office said.

            The 42-metre crossing, which carries about 3,000 pedestrians a day between the railway station and \
            the old market, will stay shut for at least six weeks while divers and climbers examine the anchors.

            Chief engineer Odile Brannagh said the cracks were found during a routine survey and that nobody had \
            been hurt. "We would rather close it for a month than take a chance," she said.

            Mayor Pieter Haldane promised a free shuttle bus between the station and the market square from \
            Monday, and said repairs were expected to cost around 1.8 million crowns.

            The footbridge was opened in 1987 and last strengthened in 2016.""";

    /** The same report with a changed sentence and an added line: a near copy. */
    static final String BRIDGE_EDITED = """
            Inspectors closed the Alderbeck footbridge in Varnley on Thursday morning after finding cracks in two \
            of its suspension cables, the town's engineering office said.

            The 42-metre crossing, which carries about 3,000 pedestrians a day between the railway station and \
            the old market, will stay shut for at least six weeks while divers and climbers examine the anchors.

            Chief engineer Odile Brannagh said the cracks were found during a routine survey and that nobody had \
            been hurt. "We would rather close it for a month than take a chance," she told reporters.

            Mayor Pieter Haldane promised a free shuttle bus between the station and the market square from \
            Monday, and said repairs were expected to cost around 1.8 million crowns.

            The footbridge was opened in 1987 and last strengthened in 2016. Its designer has since retired.""";

    /** The same event told in other words: a rewrite. */
    static final String BRIDGE_REWRITE = """
            Pedestrians in Varnley face weeks of detours: the Alderbeck footbridge was closed on Thursday once \
            engineers discovered cracked suspension cables.

            According to chief engineer Odile Brannagh, a routine survey revealed damage to two cables. No \
            injuries were reported, and Brannagh defended the decision as a precaution.

            Roughly 3,000 people use the 42-metre span each day to walk from the railway station to the old \
            market. Divers and climbers will inspect its anchors over the next six weeks or more.

            Mayor Pieter Haldane announced a free shuttle bus starting Monday and put the repair bill at about \
            1.8 million crowns. Built in 1987, the footbridge was last reinforced in 2016.""";

    static final String OTHER_BRIDGE = """
            The Kessington road bridge over the river Tolle will close to lorries from next month after a load \
            test showed corrosion in its steel deck, the regional roads agency announced on Friday.

            Cars and buses may still cross the 1960s bridge, but vehicles over 12 tonnes must use a 25-kilometre \
            detour through Marrow End until a new deck is fitted in the spring.

            Agency director Samir Oyelaran said the corrosion was slow but could not be ignored. Haulage firms \
            warned the detour would add hours to deliveries for the dairy at Fenwick.

            The agency has set aside 6.5 million crowns for the work.""";

    /** Another event in the same town with the same mayor: found through the shared names, not the same story. */
    static final String VARNLEY_MARKET = """
            Mayor Pieter Haldane opened Varnley's spring flower market on Saturday, the first since the square \
            was repaved, and said stallholders would pay no fees until June.

            Forty-one growers from across the valley set up under new awnings, and the brass band of the Varnley \
            fire brigade played through the afternoon. Organisers counted about 9,000 visitors by four o'clock.

            The market returns every Saturday until the end of May.""";

    private StoryTexts() {
    }
}
