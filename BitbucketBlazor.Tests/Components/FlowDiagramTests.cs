using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

public sealed class FlowDiagramTests : MudBunitContext
{
    private IRenderedComponent<FlowDiagram> ClientCredentialsDiagramAt(int activeStep) => Render<FlowDiagram>(p => p
        .Add(x => x.Participants, Flows.ClientCredentialsParticipants)
        .Add(x => x.Messages, Flows.ClientCredentialsMessages)
        .Add(x => x.ActiveStep, activeStep));

    [Fact]
    public void DrawsEveryParticipantAndNumbersEveryMessage()
    {
        var diagram = Render<FlowDiagram>(p => p
            .Add(x => x.Participants, Flows.ClientCredentialsParticipants)
            .Add(x => x.Messages, Flows.ClientCredentialsMessages));

        var names = diagram.FindAll(".flow-name").Select(n => n.TextContent).ToList();
        Assert.Equal(Flows.ClientCredentialsParticipants.Select(p => p.Name), names);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], diagram.FindAll(".flow-number-text").Select(n => n.TextContent));
    }

    [Fact]
    public void HighlightsOnlyTheMessagesOfTheActiveStep()
    {
        var diagram = ClientCredentialsDiagramAt(3);

        var active = diagram.FindAll("[data-active=true]").Select(m => m.GetAttribute("data-testid")).ToList();
        Assert.Equal(["flow-message-3", "flow-message-4"], active);
    }

    [Fact]
    public void DrawsAnyFlowItIsGiven()
    {
        FlowParticipant[] participants = [new("a", "Alice", "Client"), new("b", "Bob", "Server")];
        FlowMessage[] messages = [new("a", "b", "hello", 0), new("b", "a", "hi", 1, IsResponse: true)];

        var diagram = Render<FlowDiagram>(p => p
            .Add(x => x.Participants, participants)
            .Add(x => x.Messages, messages)
            .Add(x => x.ActiveStep, 1));

        Assert.Equal(["Alice", "Bob"], diagram.FindAll(".flow-name").Select(n => n.TextContent));
        Assert.Equal("flow-message-2", diagram.Find("[data-active=true]").GetAttribute("data-testid"));
        Assert.Contains("response", diagram.Find("[data-testid=flow-message-2] line").GetAttribute("class"), StringComparison.Ordinal);
    }

    [Fact]
    public void EncodesTheFlowsTextRatherThanWritingItAsMarkup()
    {
        FlowParticipant[] participants = [new("a", "<b>Alice</b>", "Client & co"), new("b", "Bob", "Server")];
        FlowMessage[] messages = [new("a", "b", "GET /x?a=1&b=<2>", 0)];

        var diagram = Render<FlowDiagram>(p => p
            .Add(x => x.Participants, participants)
            .Add(x => x.Messages, messages)
            .Add(x => x.Title, "A \"quoted\" flow"));

        Assert.Equal("<b>Alice</b>", diagram.Find(".flow-name").TextContent);
        Assert.Equal("Client & co", diagram.Find(".flow-role").TextContent);
        Assert.Empty(diagram.FindAll("b"));
        Assert.Equal("GET /x?a=1&b=<2>", diagram.Find(".flow-label").TextContent);
        Assert.Equal("<b>Alice</b> → Bob: GET /x?a=1&b=<2>", diagram.Find(".flow-steps li").TextContent);
        Assert.Equal("A \"quoted\" flow, diagram", diagram.Find(".flow-scroll").GetAttribute("aria-label"));
    }

    [Fact]
    public void CircuitsShowingTheSameFlowShareOneDrawingAtEveryStep()
    {
        var first = FlowDiagramMarkup.Of(Flows.ClientCredentialsParticipants, Flows.ClientCredentialsMessages, "The client credentials grant");
        var second = FlowDiagramMarkup.Of(Flows.ClientCredentialsParticipants, Flows.ClientCredentialsMessages, "The client credentials grant");
        var otherTitle = FlowDiagramMarkup.Of(Flows.ClientCredentialsParticipants, Flows.ClientCredentialsMessages, "Another title");

        Assert.Same(first, second);
        Assert.NotSame(first, otherTitle);
        Assert.NotEqual(first.Head.Value, otherTitle.Head.Value);
    }

    [Fact]
    public void AnotherStepMovesTheHighlight()
    {
        var diagram = ClientCredentialsDiagramAt(1);

        diagram.Render(p => p.Add(x => x.ActiveStep, 2));

        Assert.Equal("flow-message-2", diagram.Find("[data-active=true]").GetAttribute("data-testid"));
        Assert.Equal(["flow-message", "flow-message active"], diagram.FindAll("[data-testid=flow-message-1], [data-testid=flow-message-2]").Select(g => g.GetAttribute("class")));
        Assert.EndsWith("-arrow)", diagram.Find("[data-testid=flow-message-1] line").GetAttribute("marker-end"), StringComparison.Ordinal);
        Assert.EndsWith("-arrow-active)", diagram.Find("[data-testid=flow-message-2] line").GetAttribute("marker-end"), StringComparison.Ordinal);
        Assert.Equal([null, "active", null, null, null, null], diagram.FindAll(".flow-steps li").Select(li => li.GetAttribute("class")));
    }

    [Fact]
    public void TheTitleNamesTheDrawingAndItsArrowheads()
    {
        var diagram = Render<FlowDiagram>(p => p
            .Add(x => x.Participants, Flows.ClientCredentialsParticipants)
            .Add(x => x.Messages, Flows.ClientCredentialsMessages)
            .Add(x => x.ActiveStep, 1)
            .Add(x => x.Title, "The client credentials grant"));

        var titleId = diagram.Find("svg").GetAttribute("aria-labelledby");
        Assert.Equal("The client credentials grant", diagram.Find($"[id='{titleId}']").TextContent);
        var arrowheads = diagram.FindAll("marker").Select(m => m.Id).ToList();
        Assert.Equal(2, arrowheads.Count);
        Assert.Contains($"url(#{arrowheads[1]})", diagram.Find("[data-testid=flow-message-1] line").GetAttribute("marker-end"), StringComparison.Ordinal);
        Assert.Contains($"url(#{arrowheads[0]})", diagram.Find("[data-testid=flow-message-2] line").GetAttribute("marker-end"), StringComparison.Ordinal);
    }
}
