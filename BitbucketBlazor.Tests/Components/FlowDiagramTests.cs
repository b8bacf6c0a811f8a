using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

public sealed class FlowDiagramTests : MudBunitContext
{
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
        var diagram = Render<FlowDiagram>(p => p
            .Add(x => x.Participants, Flows.ClientCredentialsParticipants)
            .Add(x => x.Messages, Flows.ClientCredentialsMessages)
            .Add(x => x.ActiveStep, 3));

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
}
